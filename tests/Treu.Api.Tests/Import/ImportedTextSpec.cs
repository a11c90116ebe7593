using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Import;

/// <summary>
/// The imports store text on the same terms as the API: a row with a control character in a field (PostgreSQL cannot
/// store a NUL) is rejected with its line and the column named, and the rows around it are imported.
/// </summary>
public abstract class ImportedTextSpec(TreuApp app) : ImportSpec(app)
{
    private static Dictionary<int, (string Code, string Reason)> Report(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',', 4)).ToDictionary(l => int.Parse(l[0]), l => (l[2], l[3]));

    [Fact]
    public async Task A_member_row_with_a_nul_is_rejected_by_line_and_column_and_the_others_are_imported()
    {
        var tag = Unique("nul");
        var report = TempFile("rejected");
        var file = CsvFile("externalRef,email,firstName,lastName",
            $"{tag}-1,{tag}-1@example.de,Anna,Muster",           // line 2: fine
            $"{tag}-2,{tag}-2@example.de,An\u0000na,Muster",     // line 3: a NUL in the first name
            $"{tag}-3\u0001,{tag}-3@example.de,Ben,",            // line 4: a control character in the reference
            $"{tag}-4,{tag}-4@example.de,Cem,Yıldız");            // line 5: fine

        var (code, output) = await App.Treu("import", "members", file, "--report", report);

        Assert.True(code == 1, output);
        Assert.Contains("2 imported", output);
        Assert.Contains("2 rejected", output);
        var rejected = Report(report);
        Assert.Equal([3, 4], rejected.Keys.Order());
        Assert.Equal("invalid", rejected[3].Code);
        Assert.Contains("firstName", rejected[3].Reason);
        Assert.Contains("control character", rejected[3].Reason);
        Assert.Contains("externalRef", rejected[4].Reason);
        await Admin.GetJson($"/v1/members/lookup?email={tag}-4@example.de");
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_history_row_with_a_nul_is_rejected_by_line_and_a_reason_may_span_lines()
    {
        var tag = Unique("nul");
        Assert.Equal(0, (await App.Treu("import", "members", CsvFile("externalRef,email", $"{tag}-a,{tag}-a@example.de"))).Code);
        var report = TempFile("rejected");
        var history = CsvFile("memberRef,externalId,occurredAt,points,reason",
            $"{tag}-a,{tag}-1,2026-03-01,500,\"Purchase 4711\nat the Berlin store\"", // lines 2-3: a reason over two lines
            $"{tag}-a,{tag}-2\u0000,2026-04-01,300,",                                // line 4: a NUL in the id
            $"{tag}-a,{tag}-3,2026-04-01,200,Bonus\u0000");                          // line 5: a NUL in the reason

        var (code, output) = await App.Treu("import", "transactions", history, "--report", report);

        Assert.True(code == 1, output);
        Assert.Contains("1 imported", output);
        var rejected = Report(report);
        Assert.Equal([4, 5], rejected.Keys.Order());
        Assert.Contains("externalId", rejected[4].Reason);
        Assert.Contains("reason", rejected[5].Reason);
        var a = (string)(await Admin.GetJson($"/v1/members/lookup?email={tag}-a@example.de"))["id"]!;
        Assert.Equal(500, await Available(a));
        Assert.Equal("Purchase 4711\nat the Berlin store", (string?)(await Admin.GetJson($"/v1/members/{a}/ledger"))["items"]![0]!["reason"]);
    }
}

public sealed class ImportedTextOnSqlite(SqliteApp app) : ImportedTextSpec(app), IClassFixture<SqliteApp>;

public sealed class ImportedTextOnPostgres(PostgresApp app) : ImportedTextSpec(app), IClassFixture<PostgresApp>;
