using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>The audit trail's screen: a change made in the console, found by what it changed, with the person's name.</summary>
public sealed class AuditScreenSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task A_key_made_in_the_console_is_in_the_audit_trail_under_the_owners_name()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("owner"));
        await _visit.OpenAsync(page, "/admin/api-keys");
        var name = $"Shop {Guid.NewGuid():n}"[..14];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await page.GetByTestId("new-key").WaitForAsync();

        await _visit.OpenAsync(page, "/admin/audit");
        await ConsoleVisit.ChooseAsync(page, "What", "API key");
        await page.GetByLabel("Person (start of the name)").FillAsync("Test owner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("api_key.created");
        await Assertions.Expect(row).ToContainTextAsync("Test owner");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "rule." })).ToHaveCountAsync(0);
    }
}
