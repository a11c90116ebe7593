using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;
using Treu.Server.Demo;

namespace Treu.Browser.Tests.Console;

/// <summary>Support at the member's 360° view: points adjusted with a reason, within the program's limit for support (500 in the demo).</summary>
public sealed class SupportConsoleSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task Support_adjusts_points_within_the_limit_and_is_refused_above_it_with_nothing_booked()
    {
        var member = await EnrolAsync();
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("support"));
        Assert.Equal("/admin/members", new Uri(page.Url).AbsolutePath);

        await _visit.OpenAsync(page, $"/admin/members/{member}");
        await AdjustAsync(page, 300, "Voucher not scanned at the till");
        await Assertions.Expect(page.GetByText("300 points booked.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("available")).ToHaveTextAsync("300");

        await AdjustAsync(page, 501, "Goodwill");
        await Assertions.Expect(page.Locator("#points-error")).ToContainTextAsync("at most 500");
        await Assertions.Expect(page.GetByTestId("available")).ToHaveTextAsync("300");

        using var api = _visit.Api();
        var ledger = await api.GetFromJsonAsync<JsonElement>($"/v1/members/{member}/ledger", TestContext.Current.CancellationToken);
        var adjustments = ledger.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "adjust").ToList();
        Assert.Equal(300, Assert.Single(adjustments).GetProperty("points").GetInt64());
    }

    [Fact]
    public async Task An_adjustment_without_a_reason_is_refused_beside_the_field()
    {
        var member = await EnrolAsync();
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("support"));
        await _visit.OpenAsync(page, $"/admin/members/{member}");

        await AdjustAsync(page, 50, "");

        await Assertions.Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("available")).ToHaveTextAsync("0");
    }

    private static async Task AdjustAsync(IPage page, long points, string reason)
    {
        await page.GetByLabel("Points", new() { Exact = true }).FillAsync(points.ToString());
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
    }

    private async Task<string> EnrolAsync()
    {
        using var till = _visit.Api(DemoKeys.PosKey);
        var enrolled = await till.PostAsJsonAsync("/v1/members", new { email = $"{Guid.NewGuid():n}@example.de", firstName = "Sam" }, TestContext.Current.CancellationToken);
        var member = await enrolled.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(enrolled.IsSuccessStatusCode, member.ToString());
        return member.GetProperty("id").GetString()!;
    }
}
