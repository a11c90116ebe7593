using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;
using Treu.Server.Demo;

namespace Treu.Browser.Tests.Console;

/// <summary>The loyalty manager's day in the console: a new rule written, tried on last month's purchases, switched on, and its first purchase seen.</summary>
public sealed class ManagerConsoleSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task A_manager_writes_a_rule_simulates_it_activates_it_and_sees_its_purchase_on_the_dashboard_and_in_the_members_view()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("manager"));
        Assert.Equal("/admin", new Uri(page.Url).AbsolutePath);

        var ruleId = "bakery_x3_" + Guid.NewGuid().ToString("n")[..8];
        await _visit.OpenAsync(page, "/admin/rules/new");
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync(ruleId);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Triple points on bread");
        await page.GetByLabel("Conditions (JSON)").FillAsync("""[{"type": "product", "categories": ["bakery"]}]""");

        // Live validation: a broken effect is named beside its field while it is typed, and nothing can be saved.
        await page.GetByLabel("Effects (JSON)").FillAsync("""[{"type": "multiplier", "factor": """);
        await Assertions.Expect(page.Locator("#effects-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" })).ToBeDisabledAsync();
        await page.GetByLabel("Effects (JSON)").FillAsync("""[{"type": "multiplier", "factor": 3}]""");
        await Assertions.Expect(page.Locator("#effects-error")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Simulate (30 days)" }).ClickAsync();
        var simulated = page.GetByTestId("simulated-points").Locator(".value");
        await simulated.WaitForAsync();
        Assert.True(Number(await simulated.InnerTextAsync()) > 0, "the demo's bakery purchases of the last 30 days would have earned more");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Extra points per day" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        await page.WaitForURLAsync($"**/admin/rules/{ruleId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft");
        await ConsoleVisit.InteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Active");

        using (var api = _visit.Api())
        {
            var rule = await api.GetFromJsonAsync<JsonElement>($"/v1/admin/rules/{ruleId}", TestContext.Current.CancellationToken);
            Assert.Equal("active", rule.GetProperty("status").GetString());
            Assert.Equal("Triple points on bread", rule.GetProperty("definition").GetProperty("name").GetString());
        }

        // The dashboard before and after a purchase booked by a till through the API.
        await _visit.RollUpFiguresAsync();
        await _visit.OpenAsync(page, "/admin");
        var issuedBefore = Number(await page.GetByTestId("points-earned").Locator(".value").InnerTextAsync());

        var receipt = "B-" + Guid.NewGuid().ToString("n")[..10];
        var anna = await _visit.MemberIdAsync("anna@demo.treu.dev");
        long earned;
        using (var till = _visit.Api(DemoKeys.PosKey))
        {
            var booked = await till.PostAsJsonAsync("/v1/transactions", new
            {
                memberId = anna,
                externalId = receipt,
                storeId = "berlin-mitte",
                currency = "EUR",
                lines = new[] { new { sku = "BREAD-1", name = "Sourdough", category = "bakery", quantity = 2, unitPrice = 4.50m } },
            }, TestContext.Current.CancellationToken);
            var purchase = await booked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.True(booked.IsSuccessStatusCode, purchase.ToString());
            earned = purchase.GetProperty("earned").GetProperty("points").GetInt64();
            Assert.Contains(ruleId, purchase.GetProperty("breakdown").ToString());
        }

        await _visit.RollUpFiguresAsync();
        await _visit.OpenAsync(page, "/admin");
        Assert.Equal(issuedBefore + earned, Number(await page.GetByTestId("points-earned").Locator(".value").InnerTextAsync()));

        await _visit.OpenAsync(page, "/admin/members");
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("anna@demo.treu.dev");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = await MemberNumberAsync(anna) }).ClickAsync();
        await page.WaitForURLAsync($"**/admin/members/{anna}");
        await Assertions.Expect(page.Locator("details.purchase summary", new() { HasText = receipt })).ToBeVisibleAsync();
    }

    private async Task<string> MemberNumberAsync(string memberId)
    {
        using var api = _visit.Api();
        return (await api.GetFromJsonAsync<JsonElement>($"/v1/members/{memberId}", TestContext.Current.CancellationToken)).GetProperty("memberNumber").GetString()!;
    }

    private static long Number(string text) =>
        long.Parse(text.Trim().TrimStart('+'), NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.GetCultureInfo("en"));
}
