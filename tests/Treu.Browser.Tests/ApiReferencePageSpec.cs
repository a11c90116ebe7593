using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests;

/// <summary>
/// The interactive API reference (/scalar) as a browser loads it. A self-hosted product must not make its visitors'
/// browsers call third-party hosts (fonts from a CDN, without consent, breach the GDPR: LG München I, 3 O 17493/20),
/// and the page must be usable with a screen reader.
/// </summary>
public sealed class ApiReferencePageSpec(Chromium browser, ServerUnderTest server)
{
    private async Task<(IPage Page, List<string> Requests)> OpenAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var page = await browser.NewPageAsync(scheme);
        var requests = new List<string>();
        page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        };
        var response = await page.GotoAsync(new Uri(server.Address, "/scalar").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.True(response?.Ok, $"/scalar answered {response?.Status}");
        // The reference is drawn by script: wait until it shows the API's operations.
        await page.GetByText("Enrol a member").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return (page, requests);
    }

    [Fact]
    public async Task The_reference_loads_everything_from_the_server_itself()
    {
        var (_, requests) = await OpenAsync();

        List<string> elsewhere;
        lock (requests)
        {
            elsewhere = requests.Where(url => url.StartsWith("http", StringComparison.Ordinal) || url.StartsWith("ws", StringComparison.Ordinal))
                .Where(url => new Uri(url).GetLeftPart(UriPartial.Authority) != server.Address.GetLeftPart(UriPartial.Authority)).ToList();
            Assert.Contains(requests, url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        }

        Assert.True(elsewhere.Count == 0, "Requests to other hosts: " + string.Join(", ", elsewhere));
    }

    [Fact]
    public async Task The_reference_says_which_language_it_is_in()
    {
        var (page, _) = await OpenAsync();

        Assert.Equal("en", await page.EvaluateAsync<string>("document.documentElement.lang"));
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task The_reference_has_no_serious_or_critical_accessibility_problems(ColorScheme scheme)
    {
        var (page, _) = await OpenAsync(scheme);
        Assert.True(await page.EvaluateAsync<bool>($"document.querySelector('.{scheme.ToString().ToLowerInvariant()}-mode') !== null"), $"the page is not in {scheme} mode");

        var results = await page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious.SelectMany(v => v.Nodes.Take(10).Select(n =>
            $"{v.Impact} {v.Id} at {string.Join(" ", n.Target)}: {string.Join("; ", n.Any.Select(c => c.Message))}"))));
    }
}
