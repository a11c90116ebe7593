using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Treu.Browser.Tests.Infrastructure;

namespace Treu.Browser.Tests.Console;

/// <summary>The owner's staff screen: a person given an account, a lock-out lifted, an account switched off — each seen to work by the person.</summary>
public sealed class StaffScreenSpec(Chromium browser, ServerUnderTest server)
{
    private readonly ConsoleVisit _visit = new(server);

    [Fact]
    public async Task An_owner_gives_a_person_an_account_and_the_person_signs_in_with_the_password_shown_once()
    {
        var owner = await browser.NewPageAsync();
        await _visit.SignInAsync(owner, await _visit.PersonAsync("owner"));
        await _visit.OpenAsync(owner, "/admin/staff");
        var email = $"sara.{Guid.NewGuid():n}@shop.example";

        await owner.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await owner.GetByLabel("Name", new() { Exact = true }).First.FillAsync("Sara Support");
        await ConsoleVisit.ChooseAsync(owner, "Role", "Support");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add account" }).ClickAsync();

        await Assertions.Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync($"{email} can sign in now.");
        var password = await owner.GetByTestId("generated-password").InnerTextAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Button, new() { Name = $"Edit the account {email}" })).ToBeVisibleAsync();

        var sara = await browser.NewPageAsync();
        await _visit.SignInAsync(sara, email, password);
        Assert.Equal("/admin/members", new Uri(sara.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_cashier_without_a_store_is_refused_beside_the_field_and_no_account_is_made()
    {
        var owner = await browser.NewPageAsync();
        await _visit.SignInAsync(owner, await _visit.PersonAsync("owner"));
        await _visit.OpenAsync(owner, "/admin/staff");
        var email = $"carla.{Guid.NewGuid():n}@shop.example";

        await owner.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await owner.GetByLabel("Name", new() { Exact = true }).First.FillAsync("Carla Cashier");
        await ConsoleVisit.ChooseAsync(owner, "Role", "Cashier");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add account" }).ClickAsync();

        await Assertions.Expect(owner.Locator("#storeId-error")).ToContainTextAsync("required for a cashier");
        using var api = _visit.Api();
        var accounts = await api.GetFromJsonAsync<JsonElement>("/v1/admin/staff", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(accounts.EnumerateArray(), a => a.GetProperty("email").GetString() == email);
    }

    [Fact]
    public async Task An_owner_lifts_a_lock_out_and_later_switches_the_account_off()
    {
        var email = await _visit.PersonAsync("manager");
        var manager = await browser.NewPageAsync();
        await _visit.LockOutAsync(manager, email);

        var owner = await browser.NewPageAsync();
        await _visit.SignInAsync(owner, await _visit.PersonAsync("owner"));
        await _visit.OpenAsync(owner, "/admin/staff");
        var row = owner.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync("locked");
        await owner.GetByRole(AriaRole.Button, new() { Name = $"Edit the account {email}" }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync($"The lock-out of {email} is lifted.");
        await Assertions.Expect(row).ToContainTextAsync("active");

        await _visit.SignInAsync(manager, email);
        Assert.Equal("/admin", new Uri(manager.Url).AbsolutePath);

        await owner.GetByRole(AriaRole.Button, new() { Name = "Switch off" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync($"The account {email} is switched off");
        await Assertions.Expect(row).ToContainTextAsync("switched off");

        // The open session ends, and the password no longer lets the person in.
        await manager.ReloadAsync();
        Assert.Equal("/sign-in", new Uri(manager.Url).AbsolutePath);
        await _visit.SignInAsync(manager, email);
        Assert.Equal("/sign-in", new Uri(manager.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_manager_cannot_open_the_staff_screen()
    {
        var page = await browser.NewPageAsync();
        await _visit.SignInAsync(page, await _visit.PersonAsync("manager"));

        await page.GotoAsync(_visit.Url("/admin/staff"));

        Assert.NotEqual("/admin/staff", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Staff" })).ToHaveCountAsync(0);
    }
}
