using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>
/// Every console page as a screen reader and a keyboard meet it: no serious or critical axe-core finding. With
/// TREU_SCREENSHOTS set to a folder, the pages the README shows are photographed into it (docs/images is where they live).
/// </summary>
public sealed class ConsoleAccessibilitySpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task The_sign_in_page_has_no_serious_or_critical_accessibility_problems()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_visit.Url("/sign-in"));

        Assert.Empty(await ProblemsAsync(page, "/sign-in"));
    }

    [Fact]
    public async Task No_console_page_has_serious_or_critical_accessibility_problems()
    {
        var anna = await _visit.MemberIdAsync("anna@demo.treu.dev");
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await _visit.SignInAsync(page, await _visit.PersonAsync("owner"));
        var problems = new List<string>();

        foreach (var (path, screenshot) in new (string, string?)[]
        {
            ("/admin", "console-dashboard.png"),
            ("/admin/members?q=a", null),
            ($"/admin/members/{anna}", "console-member.png"),
            ("/admin/rules", null),
            ("/admin/rules/new", null),
            ("/admin/rules/organic_x2", "console-rule-editor.png"),
            ("/admin/rules/base_rate", null),
            ("/admin/tiers", "console-tiers.png"),
            ("/admin/rewards", "console-rewards.png"),
            ("/admin/coupons", "console-coupons.png"),
            ("/admin/audit", "console-audit.png"),
            ("/admin/staff", "console-staff.png"),
            ("/admin/api-keys", "console-api-keys.png"),
            ("/admin/settings", "console-settings.png"),
            ("/account", null),
        })
        {
            await _visit.OpenAsync(page, path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (path == "/admin/rules/organic_x2")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Simulate (30 days)" }).ClickAsync();
                await page.GetByTestId("simulated-points").WaitForAsync();
            }

            problems.AddRange(await ProblemsAsync(page, path));
            if (screenshot is not null && Environment.GetEnvironmentVariable("TREU_SCREENSHOTS") is { Length: > 0 } folder)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, screenshot), FullPage = true });
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    internal static async Task<List<string>> ProblemsAsync(IPage page, string path)
    {
        var results = await page.RunAxe();
        return results.Violations.Where(v => v.Impact is "serious" or "critical")
            .SelectMany(v => v.Nodes.Take(5).Select(n =>
                $"{path}: {v.Impact} {v.Id} at {string.Join(" ", n.Target)}: {string.Join("; ", n.Any.Concat(n.All).Select(c => c.Message))}"))
            .ToList();
    }
}
