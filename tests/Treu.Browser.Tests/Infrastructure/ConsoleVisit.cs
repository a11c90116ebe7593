using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Treu.Server.Demo;

namespace Treu.Browser.Tests.Infrastructure;

/// <summary>
/// What the console's specs do besides clicking: give people accounts and book purchases through the API (with the demo
/// admin and till keys, as an operator and a till would), sign a person in through the sign-in form, and wait until an
/// interactive page runs over its circuit, so that what a test types reaches it.
/// </summary>
public sealed class ConsoleVisit(ServerUnderTest server)
{
    public const string Password = "correct horse battery staple";

    public HttpClient Api(string key = DemoKeys.AdminKey)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public string Url(string path) => new Uri(server.Address, path).ToString();

    /// <summary>A new person in <paramref name="role"/> (a unique e-mail address), created through the staff API; answers the address.</summary>
    public async Task<string> PersonAsync(string role, string? storeId = null)
    {
        var email = $"{role}.{Guid.NewGuid():n}@shop.example";
        using var api = Api();
        var created = await api.PostAsJsonAsync("/v1/admin/staff", new { email, displayName = $"Test {role}", role, storeId, password = Password });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return email;
    }

    /// <summary>Fills in and sends the sign-in form; answers once the next page has loaded.</summary>
    public async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Opens a console page and waits until it is interactive.</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(Url(path));
        await InteractiveAsync(page);
    }

    public static Task InteractiveAsync(IPage page) => page.Locator("main[data-interactive]").WaitForAsync();

    /// <summary>The id of a demo member, looked up by e-mail address.</summary>
    public async Task<string> MemberIdAsync(string email)
    {
        using var api = Api();
        var member = await api.GetFromJsonAsync<JsonElement>($"/v1/members/lookup?email={Uri.EscapeDataString(email)}");
        return member.GetProperty("id").GetString()!;
    }

    /// <summary>Runs the dashboard's figures roll-up now, as the admin endpoint does.</summary>
    public async Task RollUpFiguresAsync()
    {
        using var api = Api();
        var run = await api.PostAsync("/v1/admin/jobs/figures/run", null);
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
    }

    /// <summary>Picks <paramref name="option"/> in a drop-down list, as a person does: opens it, then chooses.</summary>
    public static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.Locator(".rz-dropdown").Filter(new() { Has = page.GetByLabel(label, new() { Exact = true }) }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>Five wrong passwords, as someone guessing would type them: the account is locked out.</summary>
    public async Task LockOutAsync(IPage page, string email)
    {
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(page, email, "not the password at all");
        }
    }
}
