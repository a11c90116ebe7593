using System.Net;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>The owner's API keys: a till's key made, shown once and used; then revoked, and refused from then on.</summary>
public sealed class ApiKeysScreenSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task An_owner_makes_a_till_key_that_works_until_it_is_revoked()
    {
        var anna = await _visit.MemberIdAsync("anna@demo.treu.dev");
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("owner"));
        await _visit.OpenAsync(page, "/admin/api-keys");
        var name = $"Till 7 {Guid.NewGuid():n}"[..16];

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await ConsoleVisit.ChooseAsync(page, "Scope", "Till (pos)");
        await page.GetByLabel("Store", new() { Exact = true }).FillAsync("berlin-mitte");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var key = await page.GetByTestId("new-key").InnerTextAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("berlin-mitte");
        await Assertions.Expect(row).ToContainTextAsync(key[..8]);
        using (var till = _visit.Api(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await till.GetAsync($"/v1/members/{anna}", TestContext.Current.CancellationToken)).StatusCode);
        }

        // Shown once: after a new visit the list has its start, never the key.
        await _visit.OpenAsync(page, "/admin/api-keys");
        await Assertions.Expect(page.GetByText(key)).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke the key “{name}”" }).ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked on");
        using (var till = _visit.Api(key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await till.GetAsync($"/v1/members/{anna}", TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_beside_the_field()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("owner"));
        await _visit.OpenAsync(page, "/admin/api-keys");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        await Assertions.Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("new-key")).ToHaveCountAsync(0);
    }
}
