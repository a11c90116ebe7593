using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Staff;

/// <summary>People's accounts for the console and the cashier screen, as automation (and the bootstrap key) manages them.</summary>
public abstract class StaffAccountSpec(TreuApp app) : ApiSpec(app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():n}@shop.example";

    private async Task<JsonNode> Add(object body) => await (await Admin.Post("/v1/admin/staff", body)).Json(HttpStatusCode.Created);

    private async Task<JsonArray> List() => (await Admin.GetJson("/v1/admin/staff")).AsArray();

    [Fact]
    public async Task An_account_made_without_a_password_shows_its_password_once_and_the_list_never()
    {
        var email = Email("mia");

        var created = await Add(new { email = email.ToUpperInvariant(), displayName = "  Mia Manager ", role = "manager" });

        var password = (string?)created["password"];
        Assert.True(password is { Length: >= 12 }, $"a made password of {password?.Length} characters");
        Assert.Equal(email, (string?)created["account"]!["email"]);
        Assert.Equal("Mia Manager", (string?)created["account"]!["displayName"]);
        var listed = Assert.Single(await List(), a => (string?)a!["email"] == email)!;
        Assert.Equal("manager", (string?)listed["role"]);
        Assert.DoesNotContain(password!, listed.ToJsonString());
        Assert.Null(listed["password"]);
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_is_a_409_and_the_first_stays_as_it_was()
    {
        var email = Email("sam");
        await Add(new { email, displayName = "Sam", role = "support", password = "a long enough password" });

        var again = await Admin.Post("/v1/admin/staff", new { email, displayName = "Other Sam", role = "owner", password = "a long enough password" });

        await again.Problem(HttpStatusCode.Conflict, "staff_email_taken");
        var kept = Assert.Single(await List(), a => (string?)a!["email"] == email)!;
        Assert.Equal("support", (string?)kept["role"]);
    }

    [Theory]
    [InlineData("cashier", null, "storeId")]
    [InlineData("manager", "berlin-mitte", "storeId")]
    [InlineData("manager", null, "password", "too short")]
    [InlineData("janitor", null, "role")]
    public async Task A_bad_account_is_refused_naming_the_field_and_nothing_is_made(string role, string? storeId, string field, string password = "a long enough password")
    {
        var email = Email("bad");

        var response = await Admin.Post("/v1/admin/staff", new { email, displayName = "Bad", role, storeId, password });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]?[field]);
        Assert.DoesNotContain(await List(), a => (string?)a!["email"] == email);
    }

    [Fact]
    public async Task A_role_changes_and_a_lock_out_is_lifted_by_a_change()
    {
        var id = (string)(await Add(new { email = Email("ana"), displayName = "Ana", role = "analyst", password = "a long enough password" }))["account"]!["id"]!;

        var changed = await (await Admin.Patch($"/v1/admin/staff/{id}", new { role = "support", unlock = true, signOutEverywhere = true })).Json(HttpStatusCode.OK);

        Assert.Equal("support", (string?)changed["role"]);
        Assert.False((bool)changed["locked"]!);
    }

    [Fact]
    public async Task The_last_owner_cannot_be_demoted_or_switched_off()
    {
        // No other test of this class makes an owner who stays one.
        var last = (string)(await Add(new { email = Email("olivia"), displayName = "Olivia", role = "owner", password = "a long enough password" }))["account"]!["id"]!;

        var demoted = await Admin.Patch($"/v1/admin/staff/{last}", new { role = "manager" });
        var disabled = await Admin.Patch($"/v1/admin/staff/{last}", new { disabled = true });

        await demoted.Problem(HttpStatusCode.UnprocessableEntity, "last_owner");
        await disabled.Problem(HttpStatusCode.UnprocessableEntity, "last_owner");
        Assert.Equal("owner", (string?)Assert.Single(await List(), a => (string?)a!["id"] == last)!["role"]);
    }

    [Fact]
    public async Task Changing_an_unknown_account_is_a_404()
    {
        var response = await Admin.Patch("/v1/admin/staff/stf_nobody", new { role = "manager" });

        await response.Problem(HttpStatusCode.NotFound, "staff_not_found");
    }

    [Fact]
    public async Task A_till_key_cannot_manage_staff()
    {
        var till = await Till();

        var response = await till.Post("/v1/admin/staff", new { email = Email("x"), displayName = "X", role = "owner", password = "a long enough password" });

        await response.Problem(HttpStatusCode.Forbidden, "forbidden_scope");
    }
}

public sealed class StaffAccountOnSqlite(SqliteApp app) : StaffAccountSpec(app), IClassFixture<SqliteApp>;

public sealed class StaffAccountOnPostgres(PostgresApp app) : StaffAccountSpec(app), IClassFixture<PostgresApp>;
