using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>
/// The tier ladder's screen: a manager previews a changed ladder and saves it as a new version; a broken ladder is named
/// beside the field and cannot be saved. The server is shared, so the ladder saved changes a tier's English name only.
/// </summary>
public sealed class TiersScreenSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task A_manager_previews_a_changed_ladder_and_saves_it_as_a_new_version()
    {
        using var api = _visit.Api();
        var before = await api.GetFromJsonAsync<JsonElement>("/v1/admin/tiers", TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("manager"));
        await _visit.OpenAsync(page, "/admin/tiers");
        await Assertions.Expect(page.GetByTestId("members-gold")).ToBeVisibleAsync();

        var field = page.GetByLabel("Ladder (JSON)");
        var text = await field.InputValueAsync();
        var renamed = $"Gold {Guid.NewGuid():n}"[..13];
        await field.FillAsync(text.Replace("\"en\": \"Gold\"", $"\"en\": \"{renamed}\"", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What the ladder would do" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("preview-gold")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();

        var version = before.GetProperty("version").GetInt32() + 1;
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Version {version} of the ladder is saved.");
        var after = await api.GetFromJsonAsync<JsonElement>("/v1/admin/tiers", TestContext.Current.CancellationToken);
        Assert.Equal(version, after.GetProperty("version").GetInt32());
        var gold = after.GetProperty("definition").GetProperty("tiers").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "gold");
        Assert.Equal(renamed, gold.GetProperty("name").GetProperty("en").GetString());
    }

    [Fact]
    public async Task A_ladder_whose_thresholds_fall_is_named_beside_the_field_and_cannot_be_saved()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("manager"));
        await _visit.OpenAsync(page, "/admin/tiers");
        var field = page.GetByLabel("Ladder (JSON)");

        await field.FillAsync((await field.InputValueAsync()).Replace("\"threshold\": 5000", "\"threshold\": 10", StringComparison.Ordinal));

        await Assertions.Expect(page.Locator("#ladder-error")).ToContainTextAsync("threshold");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" })).ToBeDisabledAsync();
    }

    [Fact]
    public async Task An_analyst_sees_the_ladder_but_cannot_save_it()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("analyst"));
        await _visit.OpenAsync(page, "/admin/tiers");

        await Assertions.Expect(page.GetByTestId("members-gold")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" })).ToHaveCountAsync(0);
    }
}
