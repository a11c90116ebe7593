using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Treu.Browser.Tests.Infrastructure.Chromium))]

namespace Treu.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright, shared by every test (each gets a page of its own context). Playwright's own
/// browser downloads are not used: the machines here install Chromium from Debian (.ci/run does when it is missing).
/// Without it the tests skip and say why; under CI=true they fail instead.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why there is no browser here, or null when there is.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(
                    $"CI=true but {ChromiumPath} is missing: the browser tests must run in CI (.ci/run installs Debian's chromium package).");
            }

            Unavailable = $"Browser tests skipped: {ChromiumPath} is missing (apt-get install chromium).";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox: the tests run as root in a container. The rest keeps Chromium from reaching out on its own
            // (updates, sync, field trials), so that every request a test sees comes from the page.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh page in a context of its own (no cookies or storage shared with other tests), in the visitor's light or dark colour scheme and language.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light, string locale = "en-GB")
    {
        if (Unavailable is { } why)
        {
            Assert.Skip(why);
        }

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ColorScheme = scheme });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
