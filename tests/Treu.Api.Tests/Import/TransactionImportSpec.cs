using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Import;

/// <summary><c>treu import transactions</c>: the old system's points history on the ledgers of imported members.</summary>
public abstract class TransactionImportSpec(TreuApp app) : ImportSpec(app)
{
    [Fact]
    public async Task History_is_posted_once_with_its_times_and_the_ledger_verifies()
    {
        var tag = Unique("tx");
        var members = CsvFile("externalRef,email", $"{tag}-a,{tag}-a@example.de", $"{tag}-b,{tag}-b@example.de");
        Assert.Equal(0, (await App.Treu("import", "members", members)).Code);
        var report = TempFile("rejected");
        var history = CsvFile("memberRef,externalId,occurredAt,points,reason",
            $"{tag}-a,{tag}-1,2026-03-01T10:00:00Z,500,Purchase 4711",   // line 2
            $"{tag}-a,{tag}-2,2026-04-01,300,",                          // line 3
            $"{tag}-a,{tag}-3,2026-05-01,-200,Voucher",                   // line 4
            $"{tag}-x,{tag}-4,2026-05-01,100,",                           // line 5: no such member
            $"{tag}-b,{tag}-5,2026-05-01,-50,",                           // line 6: nothing to spend
            $"{tag}-a,{tag}-1,2026-03-01T10:00:00Z,500,Purchase 4711",   // line 7: the same transaction again
            $"{tag}-a,{tag}-6,2999-01-01,5,");                            // line 8: in the future

        var (code, output) = await App.Treu("import", "transactions", history, "--report", report);

        Assert.Equal(1, code);
        Assert.Contains("3 imported", output);
        var rejected = File.ReadAllLines(report).Skip(1).Select(l => l.Split(',', 4)).ToDictionary(l => int.Parse(l[0]), l => l[2]);
        Assert.Equal(new Dictionary<int, string> { [5] = "member_not_found", [6] = "insufficient_points", [7] = "duplicate_id", [8] = "invalid" }, rejected);
        var a = (string)(await Admin.GetJson($"/v1/members/lookup?email={tag}-a@example.de"))["id"]!;
        Assert.Equal(600, await Available(a));
        var entries = (await Admin.GetJson($"/v1/members/{a}/ledger"))["items"]!.AsArray();
        Assert.Equal(["redeem", "adjust", "adjust"], entries.Select(e => (string?)e!["kind"]));
        Assert.Equal("Purchase 4711", (string?)entries[2]!["reason"]);
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), (DateTime)entries[2]!["createdAt"]!);

        var again = await App.Treu("import", "transactions", history, "--report", report);
        Assert.Contains("0 imported", again.Output);
        Assert.Contains("4 already present", again.Output); // line 7 is the transaction of line 2
        Assert.Equal(600, await Available(a));
        await AssertLedgerVerifies();
    }
}

public sealed class TransactionImportOnSqlite(SqliteApp app) : TransactionImportSpec(app), IClassFixture<SqliteApp>;

public sealed class TransactionImportOnPostgres(PostgresApp app) : TransactionImportSpec(app), IClassFixture<PostgresApp>;
