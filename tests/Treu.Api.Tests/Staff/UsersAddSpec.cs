using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Import;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Staff;

namespace Treu.Api.Tests.Staff;

/// <summary><c>treu users add</c>: the first owner of a deployment (and anyone else) made at the command line, through the staff API's use case.</summary>
public abstract class UsersAddSpec(TreuApp app) : ApiSpec(app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():n}@shop.example";

    [Fact]
    public async Task An_owner_made_at_the_command_line_can_sign_in_with_the_password_it_prints_and_is_in_the_audit_trail()
    {
        var email = Email("olivia");

        var (code, output) = await App.Treu("users", "add", "--email", email, "--name", "Olivia Owner", "--role", "owner");

        Assert.True(code == 0, output);
        Assert.Contains($"Created {email} as owner", output);
        var password = output.Split("Password (shown this once): ")[1].Trim();
        Assert.True(password.Length >= 12, output);
        var listed = Assert.Single((await Admin.GetJson("/v1/admin/staff")).AsArray(), a => (string?)a!["email"] == email)!;
        Assert.Equal("owner", (string?)listed["role"]);
        Assert.Equal(StaffSignIn.Outcome.SignedIn, (await SignInAsync(email, password)).Outcome);
        var audit = (await Admin.GetJson($"/v1/admin/audit?targetType=staff&targetId={listed["id"]}")).AsArray();
        var created = Assert.Single(audit)!;
        Assert.Equal("staff.created", (string?)created["action"]);
        Assert.Equal($"cli:{Environment.UserName}@{Environment.MachineName}", (string?)created["actor"]);
        var entry = await App.Db(db => db.AuditEntries.SingleAsync(a => a.TargetType == "staff" && a.TargetId == (string)listed["id"]!));
        Assert.Equal($"{Environment.UserName}@{Environment.MachineName} (command line)", entry.ActorName);
    }

    [Fact]
    public async Task A_cashier_gets_the_store_and_password_given()
    {
        var email = Email("carl");

        var (code, output) = await App.Treu("users", "add", "--email", email, "--name", "Carl", "--role", "cashier", "--store", "berlin-mitte",
            "--password", "a long enough password");

        Assert.True(code == 0, output);
        Assert.DoesNotContain("Password (shown this once)", output);
        var listed = Assert.Single((await Admin.GetJson("/v1/admin/staff")).AsArray(), a => (string?)a!["email"] == email)!;
        Assert.Equal("berlin-mitte", (string?)listed["storeId"]);
        Assert.Equal(StaffSignIn.Outcome.SignedIn, (await SignInAsync(email, "a long enough password")).Outcome);
    }

    [Theory]
    [InlineData("cashier", null, "storeId is required for a cashier")]
    [InlineData("janitor", null, "role must be one of")]
    [InlineData("manager", "berlin-mitte", "storeId is only for a cashier")]
    public async Task A_bad_account_is_refused_with_the_reason_and_nothing_is_made(string role, string? store, string reason)
    {
        var email = Email("bad");
        string[] storeArgs = store is null ? [] : ["--store", store];

        var (code, output) = await App.Treu(["users", "add", "--email", email, "--name", "Bad", "--role", role, .. storeArgs]);

        Assert.Equal(1, code);
        Assert.Contains(reason, output);
        Assert.DoesNotContain((await Admin.GetJson("/v1/admin/staff")).AsArray(), a => (string?)a!["email"] == email);
    }

    [Fact]
    public async Task The_same_email_twice_is_refused_and_the_first_account_stays()
    {
        var email = Email("sam");
        Assert.Equal(0, (await App.Treu("users", "add", "--email", email, "--name", "Sam", "--role", "support")).Code);

        var (code, output) = await App.Treu("users", "add", "--email", email, "--name", "Other Sam", "--role", "owner");

        Assert.Equal(1, code);
        Assert.Contains("already signs in with this e-mail address", output);
        Assert.Equal("support", (string?)Assert.Single((await Admin.GetJson("/v1/admin/staff")).AsArray(), a => (string?)a!["email"] == email)!["role"]);
    }

    [Fact]
    public async Task Without_a_role_it_prints_its_usage()
    {
        var (code, output) = await App.Treu("users", "add", "--email", Email("x"), "--name", "X");

        Assert.Equal(2, code);
        Assert.Contains("treu users add --email", output);
    }

    private async Task<StaffSignIn.Attempt> SignInAsync(string email, string password)
    {
        await using var scope = App.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffSignIn>().PasswordAsync(email, password, CancellationToken.None);
    }
}

public sealed class UsersAddOnSqlite(SqliteApp app) : UsersAddSpec(app), IClassFixture<SqliteApp>;

public sealed class UsersAddOnPostgres(PostgresApp app) : UsersAddSpec(app), IClassFixture<PostgresApp>;
