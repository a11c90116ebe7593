using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>
/// The owner's settings screen: the program's colour and logo, saved and worn by the console at once. The server is shared
/// by every browser spec, so the demo's brand is put back at the end.
/// </summary>
public sealed class SettingsScreenSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    /// <summary>A one-pixel PNG.</summary>
    private static readonly byte[] Logo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_owner_gives_the_program_a_colour_and_a_logo_and_the_console_wears_them()
    {
        using var api = _visit.Api();
        var before = await api.GetFromJsonAsync<JsonElement>("/v1/admin/program", TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("owner"));
        try
        {
            await _visit.OpenAsync(page, "/admin/settings");
            await page.GetByLabel("Colour", new() { Exact = true }).FillAsync("#7a1fa2");
            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Logo });
            await Assertions.Expect(page.GetByTestId("logo-preview")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

            await page.WaitForURLAsync("**/admin/settings?saved=true");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The settings are saved.");
            var brand = await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()");
            Assert.Equal("#7a1fa2", brand);
            await Assertions.Expect(page.Locator("header.brand-bar img")).ToHaveAttributeAsync("src", "data:image/png;base64," + Convert.ToBase64String(Logo));

            var after = await api.GetFromJsonAsync<JsonElement>("/v1/admin/program", TestContext.Current.CancellationToken);
            Assert.Equal("#7a1fa2", after.GetProperty("brandColour").GetString());
        }
        finally
        {
            var restored = await api.PatchAsJsonAsync("/v1/admin/program", new { brandColour = before.GetProperty("brandColour").GetString(), logo = "" },
                TestContext.Current.CancellationToken);
            Assert.True(restored.IsSuccessStatusCode);
        }
    }

    [Fact]
    public async Task A_colour_that_is_not_a_colour_is_refused_beside_the_field_and_nothing_changes()
    {
        using var api = _visit.Api();
        var before = await api.GetFromJsonAsync<JsonElement>("/v1/admin/program", TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("owner"));
        await _visit.OpenAsync(page, "/admin/settings");

        await page.GetByLabel("Colour", new() { Exact = true }).FillAsync("purple");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#brandColour-error")).ToContainTextAsync("#rrggbb");
        var after = await api.GetFromJsonAsync<JsonElement>("/v1/admin/program", TestContext.Current.CancellationToken);
        Assert.Equal(before.GetProperty("updatedAt").GetString(), after.GetProperty("updatedAt").GetString());
    }
}
