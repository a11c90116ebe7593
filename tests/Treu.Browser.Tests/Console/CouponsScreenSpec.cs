using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>
/// The coupon campaigns' screen: a manager makes a campaign of unique codes, starts it, generates codes and sees them (with no
/// serious or critical axe finding on the screen as it then is); bad input is refused beside its field.
/// </summary>
public sealed class CouponsScreenSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task A_manager_creates_a_coupon_campaign_generates_its_codes_and_sees_them()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("manager"));
        await _visit.OpenAsync(page, "/admin/coupons");
        var id = $"spring-{Guid.NewGuid():n}"[..15];

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync(id);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Spring flyer");
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("5");
        await page.GetByLabel("Prefix of unique codes").FillAsync("SPRING");
        await page.GetByLabel("Redemptions at most").FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create coupon campaign" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The coupon campaign {id} is created, as a draft.");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = id });
        await Assertions.Expect(row).ToContainTextAsync("Spring flyer");
        await Assertions.Expect(row).ToContainTextAsync("draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The coupon campaign {id} is running: its codes work.");

        await page.GetByLabel("How many codes").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate codes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"12 codes generated for {id}.");
        var codes = page.GetByRole(AriaRole.Grid, new() { Name = "The campaign's codes" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "SPRING-" });
        await Assertions.Expect(codes).ToHaveCountAsync(12);
        await Assertions.Expect(row).ToContainTextAsync("12");
        var problems = await ConsoleAccessibilitySpec.ProblemsAsync(page, "/admin/coupons (a campaign and its codes)");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        using var api = _visit.Api();
        var coupon = await api.GetFromJsonAsync<JsonElement>($"/v1/admin/coupons/{id}", TestContext.Current.CancellationToken);
        Assert.Equal("active", coupon.GetProperty("status").GetString());
        Assert.Equal(12, coupon.GetProperty("stats").GetProperty("codesIssued").GetInt64());
        Assert.Equal(100, coupon.GetProperty("maxRedemptions").GetInt64());
        var shown = await codes.First.Locator("td").First.InnerTextAsync();
        var export = await api.GetStringAsync($"/v1/admin/coupons/{id}/codes.csv", TestContext.Current.CancellationToken);
        Assert.Contains(shown.Trim(), export);
    }

    [Fact]
    public async Task A_campaign_without_its_amount_is_refused_beside_the_field_and_nothing_is_made()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("manager"));
        await _visit.OpenAsync(page, "/admin/coupons");
        var id = $"nothing-{Guid.NewGuid():n}"[..16];

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync(id);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nothing off");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create coupon campaign" }).ClickAsync();

        await Assertions.Expect(page.Locator("#amount-error")).ToContainTextAsync("required");
        using var api = _visit.Api();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/v1/admin/coupons/{id}", TestContext.Current.CancellationToken)).StatusCode);
    }
}
