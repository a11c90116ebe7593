using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>What each role may see: an analyst reads aggregates and never a member's personal data; a cashier has the till, not the console.</summary>
public sealed partial class RolesConsoleSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task An_analyst_sees_no_email_address_anywhere()
    {
        var anna = await _visit.MemberIdAsync("anna@demo.treu.dev");
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("analyst"));
        Assert.Equal("/admin", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console sections" }).GetByRole(AriaRole.Link, new() { Name = "Members" }))
            .ToHaveCountAsync(0);

        string[] everywhere = ["/admin", "/admin/rules", "/admin/rules/base_rate", "/admin/members", "/admin/members?q=anna%40demo.treu.dev", $"/admin/members/{anna}", "/account"];
        foreach (var path in everywhere)
        {
            // Pages the analyst may not open send them to /denied, a static page: wait for the page, not for a circuit.
            await page.GotoAsync(_visit.Url(path), new() { WaitUntil = WaitUntilState.NetworkIdle });
            var text = await page.InnerTextAsync("body");
            Assert.False(EmailAddress().IsMatch(text), $"{path} shows an e-mail address: {EmailAddress().Match(text).Value}");
        }

        await page.GotoAsync(_visit.Url($"/admin/members/{anna}"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_cashier_cannot_reach_the_console()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("cashier", "berlin-mitte"));
        Assert.Equal("/account", new Uri(page.Url).AbsolutePath);

        foreach (var path in new[] { "/admin", "/admin/members", "/admin/rules", "/admin/rules/new" })
        {
            var response = await page.GotoAsync(_visit.Url(path));
            Assert.Equal(403, response?.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console sections" }).GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Nobody_signed_in_is_sent_to_the_sign_in_page()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(_visit.Url("/admin/members"));

        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.-]+")]
    private static partial Regex EmailAddress();
}
