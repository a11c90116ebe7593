using Microsoft.Playwright;
using OtpNet;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>Signing in and out of the console with an e-mail address and a password.</summary>
public sealed class SignInSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await _visit.PersonAsync("manager");
        var page = await browser.NewPageAsync();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await _visit.SignInAsync(page, email, "not the password " + attempt);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The e-mail address or the password is wrong.");
        }

        await _visit.SignInAsync(page, email, "not the password 5");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");

        await _visit.SignInAsync(page, email, ConsoleVisit.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_session_in_every_browser()
    {
        var email = await _visit.PersonAsync("manager");
        var laptop = await browser.NewPageAsync();
        var phone = await browser.NewPageAsync();
        await _visit.SignInAsync(laptop, email);
        await _visit.SignInAsync(phone, email);

        await _visit.OpenAsync(laptop, "/account");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Sign out on every device" }).ClickAsync();
        await laptop.WaitForURLAsync("**/sign-in**");

        // The other browser's cookie is still there, but its stamp is stale: the next page asks for a sign-in (after the
        // few seconds a node keeps an account's stamp).
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        await phone.GotoAsync(_visit.Url("/admin"));
        Assert.Equal("/sign-in", new Uri(phone.Url).AbsolutePath);
        await laptop.GotoAsync(_visit.Url("/admin"));
        Assert.Equal("/sign-in", new Uri(laptop.Url).AbsolutePath);
    }

    [Fact]
    public async Task With_an_authenticator_set_up_signing_in_asks_for_its_code()
    {
        var email = await _visit.PersonAsync("support");
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, email);
        await _visit.OpenAsync(page, "/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var app = new Totp(Base32Encoding.ToBytes(await page.GetByTestId("totp-secret").InnerTextAsync()));
        await page.GetByLabel("Code from the authenticator app").FillAsync("000000" == app.ComputeTotp() ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#code-error")).ToBeVisibleAsync();
        await page.GetByLabel("Code from the authenticator app").FillAsync(app.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByText("From now on, signing in asks for a code from the app.")).ToBeVisibleAsync();

        var other = await browser.NewPageAsync();
        await _visit.SignInAsync(other, email);
        Assert.Equal("/sign-in", new Uri(other.Url).AbsolutePath);
        // A code is taken once: the next one the app will show (within the step of drift allowed) signs in.
        await other.GetByLabel("Code from the authenticator app").FillAsync(app.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await other.WaitForURLAsync("**/admin/members");
    }

    [Fact]
    public async Task The_console_speaks_german_unless_the_browser_asks_for_english()
    {
        var page = await browser.NewPageAsync(locale: "de-DE");

        await page.GotoAsync(_visit.Url("/sign-in"));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden" })).ToBeVisibleAsync();
        Assert.Equal("de", await page.EvaluateAsync<string>("document.documentElement.lang"));
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
