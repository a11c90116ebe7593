using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Treu.Api.Tests.Import;
using Treu.Api.Tests.Infrastructure;
using Treu.Domain.Ledger;
using Treu.Server.Ledger.Checkpoints;
using Treu.Server.Storage;

namespace Treu.Api.Tests.Ledger;

/// <summary>Signed checkpoints: a Merkle root over every member's chain head that someone with database access cannot forge.</summary>
public abstract class CheckpointSpec(TreuApp app) : ApiSpec(app), IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "treu-tests", "checkpoint-" + Guid.NewGuid().ToString("n"))).FullName;

    [Fact]
    public async Task A_checkpoint_proves_an_untouched_ledger_and_names_the_member_whose_history_was_rewritten()
    {
        var tampered = await EnrolId();
        var untouched = await EnrolId();
        await Credit(tampered, 100);
        await Credit(tampered, 50);
        await Credit(untouched, 70);
        var file = await TakeCheckpointFile();

        var clean = await App.Treu("ledger", "verify", "--checkpoint", file);
        Assert.True(clean.Code == 0, clean.Output);
        Assert.Contains("Checkpoint verified", clean.Output);

        // An attacker with database access rewrites the first entry's reason and hashes the chain again, so that the
        // plain verification, which only checks that the chain is consistent, sees nothing wrong.
        await RewriteReason(tampered, 1, "nothing to see");
        try
        {
            await AssertLedgerVerifies();
            var (code, output) = await App.Treu("ledger", "verify", "--checkpoint", file);

            Assert.Equal(1, code);
            Assert.Contains(tampered, output);
            Assert.Contains("history rewritten", output);
            Assert.DoesNotContain(untouched, output);
        }
        finally
        {
            await RewriteReason(tampered, 1, "test credit");
        }

        Assert.Equal(0, (await App.Treu("ledger", "verify", "--checkpoint", file)).Code);
    }

    [Fact]
    public async Task Entries_after_the_checkpoint_do_not_fail_it_but_a_removed_one_does()
    {
        var member = await EnrolId();
        await Credit(member, 10);
        var file = await TakeCheckpointFile();
        await Credit(member, 20);

        Assert.Equal(0, (await App.Treu("ledger", "verify", "--checkpoint", file)).Code);

        var first = await App.Db(db => db.LedgerEntries.AsNoTracking().SingleAsync(e => e.MemberId == member && e.Seq == 1));
        await App.Db(db => db.LedgerEntries.Where(e => e.Id == first.Id).ExecuteDeleteAsync());
        try
        {
            var (code, output) = await App.Treu("ledger", "verify", "--checkpoint", file);
            Assert.Equal(1, code);
            Assert.Contains(member, output);
            Assert.Contains("removed", output);
        }
        finally
        {
            await App.Db(async db =>
            {
                db.LedgerEntries.Add(first);
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task A_checkpoint_file_edited_or_signed_with_another_key_is_refused()
    {
        await Credit(await EnrolId(), 10);
        var file = await TakeCheckpointFile();

        var otherKey = Convert.ToBase64String(new byte[32]);
        var (code, output) = await App.Treu("ledger", "verify", "--checkpoint", file, "--public-key", otherKey);
        Assert.Equal(1, code);
        Assert.Contains("not with the trusted key", output);

        // A head edited in the file (to match a rewritten chain) no longer rebuilds the signed root.
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var edited = Path.Combine(_dir, "edited.json");
        var seq = text.IndexOf("\"seq\":", StringComparison.Ordinal);
        await File.WriteAllTextAsync(edited, text[..(seq + 6)] + "9" + text[(seq + 6)..], TestContext.Current.CancellationToken);
        (code, output) = await App.Treu("ledger", "verify", "--checkpoint", edited);
        Assert.Equal(1, code);
        Assert.Contains("not what was signed", output);
    }

    [Fact]
    public async Task Two_nodes_running_the_job_at_once_take_one_checkpoint_with_every_member_once()
    {
        await EnrolIds(7);
        App.Clock.Advance(TimeSpan.FromDays(2));
        var before = await App.Db(db => db.LedgerCheckpoints.CountAsync());
        var second = App.StartHost();

        await Task.WhenAll(RunSmallBatches(App.Host.Services), RunSmallBatches(second.Services));

        var checkpoints = await App.Db(db => db.LedgerCheckpoints.AsNoTracking().OrderBy(c => c.Number).ToListAsync());
        Assert.Equal(before + 1, checkpoints.Count);
        var checkpoint = checkpoints[^1];
        var members = await App.Db(db => db.Members.AsNoTracking().Where(m => m.ProgramId == checkpoint.ProgramId).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.LastSeq, m.LastHash }).ToListAsync());
        var tree = new MerkleTree();
        members.ForEach(m => tree.Add(MerkleTree.Leaf(m.Id, m.LastSeq, m.LastHash)));
        Assert.NotNull(checkpoint.CompletedAt);
        Assert.Equal(members.Count, checkpoint.Members);
        Assert.Equal(tree.Root(), checkpoint.Root);
        Assert.Equal((members.Count + 2) / 3, checkpoint.Pages);

        var latest = await Admin.GetJson("/v1/admin/ledger/checkpoints/latest");
        Assert.Equal(checkpoint.Id, (string)latest["id"]!);
        Assert.Equal(checkpoint.Id, (string)(await Admin.GetJson("/v1/admin/ledger/checkpoints?limit=1"))["items"]![0]!["id"]!);
    }

    [Fact]
    public async Task An_unknown_checkpoint_is_a_404()
    {
        var response = await Admin.GetAsync("/v1/admin/ledger/checkpoints/ckp_nope", TestContext.Current.CancellationToken);
        await response.Problem(HttpStatusCode.NotFound, "checkpoint_not_found");
        response = await Admin.GetAsync("/v1/admin/ledger/checkpoints/ckp_nope/file", TestContext.Current.CancellationToken);
        await response.Problem(HttpStatusCode.NotFound, "checkpoint_not_found");
        response = await Admin.GetAsync("/v1/admin/ledger/checkpoints?limit=0", TestContext.Current.CancellationToken);
        await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
    }

    private async Task RunSmallBatches(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var options = new TreuOptions();
        options.Checkpoints.BatchSize = 3;
        await ActivatorUtilities.CreateInstance<LedgerCheckpoints>(scope.ServiceProvider, Options.Create(options)).RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Runs the job by hand (a checkpoint now) and saves the newest checkpoint's file, as an operator publishing it would.</summary>
    private async Task<string> TakeCheckpointFile()
    {
        (await Admin.PostAsync("/v1/admin/jobs/ledger-checkpoint/run", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var latest = await Admin.GetJson("/v1/admin/ledger/checkpoints/latest");
        var response = await Admin.GetAsync($"/v1/admin/ledger/checkpoints/{(string)latest["id"]!}/file", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(_dir, $"{(string)latest["id"]!}.json");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>Changes one entry's reason and hashes the member's chain again from there, head included: a consistent forgery.</summary>
    private Task RewriteReason(string member, long seq, string reason) => App.Db(async db =>
    {
        var entries = await db.LedgerEntries.Where(e => e.MemberId == member).OrderBy(e => e.Seq).ToListAsync();
        var prev = EntryHash.Genesis;
        foreach (var e in entries)
        {
            if (e.Seq == seq)
            {
                e.Reason = reason;
            }

            e.PrevHash = prev;
            e.Hash = EntryHash.Compute(e);
            prev = e.Hash;
        }

        await db.SaveChangesAsync();
        return await db.Members.Where(m => m.Id == member).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastHash, prev));
    });

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class CheckpointOnSqlite(SqliteApp app) : CheckpointSpec(app), IClassFixture<SqliteApp>;

public sealed class CheckpointOnPostgres(PostgresApp app) : CheckpointSpec(app), IClassFixture<PostgresApp>;
