using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>The rewards catalogue's screen: a manager adds a reward, puts it on offer and gives it a picture; a reward missing its amount is refused.</summary>
public sealed class RewardsScreenSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    /// <summary>A one-pixel PNG.</summary>
    private static readonly byte[] Picture = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_manager_adds_a_reward_puts_it_on_offer_and_gives_it_a_picture()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("manager"));
        await _visit.OpenAsync(page, "/admin/rewards");
        var id = $"espresso-{Guid.NewGuid():n}"[..17];

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync(id);
        await page.GetByLabel("Name (German)").FillAsync("Espresso gratis");
        await page.GetByLabel("Name (English)").FillAsync("Free espresso");
        await page.GetByLabel("Points", new() { Exact = true }).FillAsync("150");
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("2.5");
        await page.GetByLabel("Stock", new() { Exact = true }).FillAsync("40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create reward" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The reward {id} is created, as a draft.");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = id });
        await Assertions.Expect(row).ToContainTextAsync("Free espresso");
        await Assertions.Expect(row).ToContainTextAsync("draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Put on offer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The reward {id} is on offer now.");
        await Assertions.Expect(row).ToContainTextAsync("on offer");

        await page.Locator("input#picture").SetInputFilesAsync(new FilePayload { Name = "espresso.png", MimeType = "image/png", Buffer = Picture });
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The picture of the reward {id} is saved.");

        using var api = _visit.Api();
        var reward = await api.GetFromJsonAsync<JsonElement>($"/v1/admin/rewards/{id}", TestContext.Current.CancellationToken);
        Assert.Equal("active", reward.GetProperty("status").GetString());
        Assert.Equal(150, reward.GetProperty("pointsCost").GetInt64());
        Assert.Equal(40, reward.GetProperty("stats").GetProperty("stockLeft").GetInt64());
        Assert.Equal("Espresso gratis", reward.GetProperty("name").GetProperty("de").GetString());
        Assert.NotEqual(JsonValueKind.Null, reward.GetProperty("imageUrl").ValueKind);
    }

    [Fact]
    public async Task A_reward_without_its_amount_is_refused_beside_the_field_and_nothing_is_made()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("manager"));
        await _visit.OpenAsync(page, "/admin/rewards");
        var id = $"nothing-{Guid.NewGuid():n}"[..16];

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync(id);
        await page.GetByLabel("Name (English)").FillAsync("Nothing off");
        await page.GetByLabel("Points", new() { Exact = true }).FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create reward" }).ClickAsync();

        await Assertions.Expect(page.Locator("#amount-error")).ToContainTextAsync("required");
        using var api = _visit.Api();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/v1/admin/rewards/{id}", TestContext.Current.CancellationToken)).StatusCode);
    }
}
