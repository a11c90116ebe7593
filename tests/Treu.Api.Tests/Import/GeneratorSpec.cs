using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Treu.Api.Tests.Infrastructure;
using Treu.Domain.Ledger;
using Treu.Server.Import;
using Treu.Server.Jobs;
using Treu.Server.Storage;

namespace Treu.Api.Tests.Import;

/// <summary><c>treu generate</c> and the ledger jobs working off what it leaves them, in small batches, on two nodes.</summary>
public abstract class GeneratorSpec(TreuApp app) : ApiSpec(app)
{
    private const int Members = 150;
    private const int Entries = 1800;

    [Fact]
    public async Task Generated_members_verify_have_derivable_identities_and_the_jobs_clear_their_backlog_exactly_once()
    {
        var (code, output) = await App.Treu("generate", "--members", $"{Members}", "--entries", $"{Entries}");
        Assert.True(code == 0, output);
        Assert.Contains($"Generated {Members} members, {Entries:N0} ledger entries", output);
        await AssertLedgerVerifies();

        var byEmail = await Admin.GetJson("/v1/members/lookup?email=m7@gen.treu.dev");
        Assert.Equal(GeneratedMember.Id(7), (string?)byEmail["id"]);
        Assert.Equal(GeneratedMember.Id(7), (string?)(await Admin.GetJson($"/v1/members/lookup?card={GeneratedMember.Card(7)}"))["id"]);
        Assert.Equal(GeneratedMember.Id(7), (string?)(await Admin.GetJson($"/v1/members/lookup?number={GeneratedMember.Number(7)}"))["id"]);
        Assert.Equal(Entries / Members, (await Admin.GetJson($"/v1/members/{GeneratedMember.Id(7)}/ledger?limit=100"))["items"]!.AsArray().Count);

        // A day later every lot the generator left due is due by the test clock too.
        App.Clock.Advance(TimeSpan.FromDays(1));
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var dueForExpiry = await App.Db(db => db.Lots.CountAsync(l => l.State == LotState.Available && l.Remaining > 0 && l.ExpiresAt <= now));
        var dueForActivation = await App.Db(db => db.Lots.CountAsync(l => l.State == LotState.Pending && l.AvailableAt <= now));
        Assert.True(dueForExpiry > Members / 2, $"only {dueForExpiry} lots due for expiry");
        Assert.True(dueForActivation > Members / 5, $"only {dueForActivation} lots due for activation");

        var second = App.StartHost();
        var expired = await Task.WhenAll(RunInBatches(LotJobs.Expiry, App.Host), RunInBatches(LotJobs.Expiry, second));
        var activated = await Task.WhenAll(RunInBatches(LotJobs.Activation, App.Host), RunInBatches(LotJobs.Activation, second));
        // One node may stop early when the other holds the members it wanted: a second run finds what is left.
        var expiredLater = await RunInBatches(LotJobs.Expiry, App.Host);
        var activatedLater = await RunInBatches(LotJobs.Activation, App.Host);

        Assert.Equal(dueForExpiry, expired.Sum() + expiredLater);
        Assert.Equal(dueForActivation, activated.Sum() + activatedLater);
        Assert.Equal(0, await App.Db(db => db.Lots.CountAsync(l =>
            (l.State == LotState.Available && l.Remaining > 0 && l.ExpiresAt <= now) || (l.State == LotState.Pending && l.AvailableAt <= now))));
        Assert.Equal(dueForExpiry, await App.Db(db => db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Expire)));
        Assert.Equal(0, await RunInBatches(LotJobs.Expiry, App.Host));
        await AssertLedgerVerifies();
    }

    /// <summary>Batches of 7 lots, so that a few hundred lots take many batches.</summary>
    private Task<int> RunInBatches(string job, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host) => App.RunJob(job, host, batchSize: 7);
}

public sealed class GeneratorOnSqlite(SqliteApp app) : GeneratorSpec(app), IClassFixture<SqliteApp>;

public sealed class GeneratorOnPostgres(PostgresApp app) : GeneratorSpec(app), IClassFixture<PostgresApp>;
