using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>The dashboard's tier distribution: the members each tier holds, the same figures as the API's tier statistics.</summary>
public sealed class DashboardTiersSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task An_analyst_sees_the_members_of_each_tier_as_the_tier_statistics_count_them()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("analyst"));

        // Other specs enrol members on the same server meanwhile: the page is compared with statistics that held before and after it loaded.
        for (var attempt = 1; ; attempt++)
        {
            var before = await CountsAsync();
            await _visit.OpenAsync(page, "/admin");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members per tier" })).ToBeVisibleAsync();
            var shown = new Dictionary<string, string>();
            foreach (var id in before.Keys)
            {
                shown[id] = await page.GetByTestId($"tier-{id}").Locator(".count").InnerTextAsync();
            }

            if (attempt < 5 && !before.SequenceEqual(await CountsAsync()))
            {
                continue;
            }

            Assert.True(before.Where(c => c.Key != "none").Sum(c => c.Value) > 0, "the demo's members hold tiers");
            Assert.Equal(before.ToDictionary(c => c.Key, c => c.Value.ToString("N0", CultureInfo.GetCultureInfo("en"))), shown);
            return;
        }
    }

    /// <summary>GET /v1/admin/tiers/stats: each tier's members, and those who hold none under "none".</summary>
    private async Task<Dictionary<string, long>> CountsAsync()
    {
        using var api = _visit.Api();
        var stats = await api.GetFromJsonAsync<JsonElement>("/v1/admin/tiers/stats", TestContext.Current.CancellationToken);
        var counts = stats.GetProperty("tiers").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("members").GetInt64());
        counts["none"] = stats.GetProperty("other").GetInt64();
        return counts;
    }
}
