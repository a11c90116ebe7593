using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Import;
using Treu.Testing;

namespace Treu.Api.Tests.Import;

/// <summary><c>treu import members</c>, run as an operator would, against the database the API serves.</summary>
public abstract class MemberImportSpec(TreuApp app) : ImportSpec(app)
{
    private const string Header = "externalRef,email,phone,cards,firstName,lastName,birthDate,language,consents,points,pointsExpireAt";

    private Task<(int Code, string Output)> Treu(params string[] args) => App.Treu(args);

    private async Task<JsonNode> Lookup(string query) => await Admin.GetJson($"/v1/members/lookup?{query}");

    [Fact]
    public async Task Imported_members_have_their_contacts_cards_consents_and_opening_balance()
    {
        var tag = Unique("imp");
        var file = CsvFile(Header,
            $"{tag}-1,{tag}-1@example.de,,{tag}A1;{tag}B1,Anna,Muster,1980-05-17,de,terms:yes:v3;marketing_email:no:v1,1500,",
            $"{tag}-2,{tag}-2@example.de,,,Ben,,,en,,,");

        var (code, output) = await Treu("import", "members", file);

        Assert.Equal(0, code);
        Assert.Contains("2 imported", output);
        var anna = await Lookup($"card={tag}B1");
        Assert.Equal($"{tag}-1@example.de", (string?)anna["email"]);
        Assert.Equal("1980-05-17", (string?)anna["birthDate"]);
        Assert.Equal(2, anna["cards"]!.AsArray().Count);
        Assert.Contains(anna["consents"]!.AsArray(), c => (string?)c!["purpose"] == "marketing_email" && !(bool)c["granted"]! && (string?)c["textVersion"] == "v1");
        Assert.Equal("import", (string?)anna["enrolledChannel"]);
        Assert.Equal(1500, await Available((string)anna["id"]!));
        var ledger = await Admin.GetJson($"/v1/members/{anna["id"]}/ledger");
        var entry = Assert.Single(ledger["items"]!.AsArray());
        Assert.Equal("adjust", (string?)entry!["kind"]);
        Assert.Equal($"{tag}-1", (string?)entry["cause"]!["id"]);
        var ben = await Lookup($"email={tag}-2@example.de");
        Assert.Equal("en", (string?)ben["language"]);
        Assert.Equal(0, await Available((string)ben["id"]!));
    }

    [Fact]
    public async Task Opening_balances_keep_the_ledger_verifiable()
    {
        var tag = Unique("imp");
        var expires = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var file = CsvFile(Header, Enumerable.Range(1, 30).Select(i => $"{tag}-{i},{tag}-{i}@example.de,,,,,,,,{i * 10},{expires}").ToArray());

        Assert.Equal(0, (await Treu("import", "members", file)).Code);

        var (code, output) = await Treu("ledger", "verify");
        Assert.True(code == 0, output);
        var balance = await Balance((string)(await Lookup($"email={tag}-7@example.de"))["id"]!);
        Assert.Equal(70, balance.Long("available"));
        Assert.Equal(expires, (string?)balance["expiring"]![0]!["date"]);
    }

    [Fact]
    public async Task Rejected_rows_are_reported_with_their_line_and_reason_and_the_others_are_imported()
    {
        var tag = Unique("imp");
        var taken = await Enrol(email: $"{tag}-taken@example.de");
        var report = TempFile("rejected");
        var file = CsvFile(Header,
            $"{tag}-1,{tag}-1@example.de,,,,,,,,,",          // line 2: fine
            $"{tag}-2,not-an-e-mail,,,,,,,,,",              // line 3: invalid e-mail
            $",{tag}-3@example.de,,,,,,,,,",                // line 4: no externalRef
            $"{tag}-4,{tag}-taken@example.de,,,,,,,,,",     // line 5: another member has this e-mail
            $"{tag}-5,{tag}-1@example.de,,,,,,,,,",         // line 6: the same e-mail as line 2
            $"{tag}-6,,0170-12,,,,,xx,,-3,",                 // line 7: several problems at once
            $"{tag}-7,{tag}-7@example.de,,,,,,,,,");        // line 8: fine

        var (code, output) = await Treu("import", "members", file, "--report", report);

        Assert.Equal(1, code);
        Assert.Contains("2 imported", output);
        Assert.Contains("5 rejected", output);
        Assert.Contains("email_taken", output);
        var lines = File.ReadAllLines(report).Skip(1).Select(l => l.Split(',', 4)).ToDictionary(l => int.Parse(l[0]), l => (Code: l[2], Reason: l[3]));
        Assert.Equal([3, 4, 5, 6, 7], lines.Keys.Order());
        Assert.Contains("email is not a valid e-mail address", lines[3].Reason);
        Assert.Contains("externalRef is required", lines[4].Reason);
        Assert.Equal("email_taken", lines[5].Code);
        Assert.Equal("email_taken", lines[6].Code);
        Assert.Contains("line 2 of this file", lines[6].Reason);
        Assert.Contains("phone", lines[7].Reason);
        Assert.Contains("language", lines[7].Reason);
        Assert.Contains("points", lines[7].Reason);
        Assert.Equal((string?)taken["id"], (string?)(await Lookup($"email={tag}-taken@example.de"))["id"]);
        await Lookup($"email={tag}-7@example.de");
        await (await Admin.GetAsync($"/v1/members/lookup?email={tag}-3@example.de", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task Chunks_written_side_by_side_give_what_one_pass_through_the_file_gives()
    {
        // Chunks of 3 rows on two writers: clashes across chunks, the earlier line always wins.
        var tag = Unique("imp");
        var report = TempFile("rejected");
        var rows = Enumerable.Range(1, 20).Select(i => $"{tag}-{i},{tag}-{i}@example.de,,{tag}C{i},,,,,,{i},").ToArray();
        rows[4] = $"{tag}-5,{tag}-1@example.de,,{tag}C5,,,,,,5,";     // line 6: the e-mail of line 2, one chunk earlier
        rows[7] = $"{tag}-8,{tag}-8@example.de,,{tag}C7,,,,,,8,";     // line 9: the card of line 8, same chunk
        rows[12] = $"{tag}-3,{tag}-13@example.de,,{tag}C13,,,,,,13,"; // line 14: the externalRef of line 4: already present
        rows[15] = $"{tag}-16,bad,,{tag}C16,,,,,,16,";                // line 17: invalid
        rows[18] = $"{tag}-19,{tag}-19@example.de,,{tag}C12,,,,,,19,"; // line 20: the card of line 13, two chunks earlier
        var file = CsvFile(Header, rows);

        var (code, output) = await Treu("import", "members", file, "--report", report, "--chunk-size", "3", "--writers", "2");

        Assert.True(code == 1, output);
        Assert.Contains("15 imported", output);
        Assert.Contains("1 already present", output);
        Assert.Contains("4 rejected", output);
        var lines = File.ReadAllLines(report).Skip(1).Select(l => l.Split(',', 4)).ToList();
        Assert.Equal(["6", "9", "17", "20"], lines.Select(l => l[0]));
        Assert.Equal(["email_taken", "card_taken", "invalid", "card_taken"], lines.Select(l => l[2]));
        Assert.Equal((string?)(await Lookup($"card={tag}C1"))["id"], (string?)(await Lookup($"email={tag}-1@example.de"))["id"]);
        Assert.Equal((string?)(await Lookup($"email={tag}-12@example.de"))["id"], (string?)(await Lookup($"card={tag}C12"))["id"]);
        Assert.Equal(3, await Available((string)(await Lookup($"card={tag}C3"))["id"]!));
        var (verified, verification) = await Treu("ledger", "verify");
        Assert.True(verified == 0, verification);
    }

    [Fact]
    public async Task A_tier_carried_over_holds_as_a_manual_tier_until_its_day_and_stands_in_the_tier_history()
    {
        var ladder = new
        {
            tiers = new object[]
            {
                new { id = "green", name = new { de = "Grün", en = "Green" }, threshold = 0 },
                new { id = "gold", name = new { de = "Gold", en = "Gold" }, threshold = 2000 },
            },
        };
        await (await Admin.Put("/v1/admin/tiers", ladder)).Json(HttpStatusCode.OK);
        var tag = Unique("imp");
        var until = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = TempFile("rejected");
        var file = CsvFile(Header + ",tier,tierUntil",
            $"{tag}-1,{tag}-1@example.de,,,,,,,,,,gold,{until}",
            $"{tag}-2,{tag}-2@example.de,,,,,,,,,,diamond,",
            $"{tag}-3,{tag}-3@example.de,,,,,,,,,,,");

        var (code, output) = await Treu("import", "members", file, "--report", report);

        Assert.Equal(1, code);
        Assert.Contains("2 imported", output);
        Assert.Contains("'diamond' is not on the program's ladder (green, gold)", File.ReadAllLines(report)[1]);
        var vip = (string)(await Lookup($"email={tag}-1@example.de"))["id"]!;
        var standing = await Admin.GetJson($"/v1/members/{vip}/tier");
        Assert.Equal("gold", (string?)standing["tier"]!["id"]);
        Assert.Equal((until, MemberImport.TierReason), ((string?)standing["manual"]!["until"], (string?)standing["manual"]!["reason"]));
        var change = Assert.Single((await Admin.GetJson($"/v1/members/{vip}/tier/history"))["items"]!.AsArray());
        Assert.Equal(("green", "gold", "import"), ((string?)change!["from"]!["id"], (string?)change["to"]!["id"], (string?)change["cause"]));
        var plain = (string)(await Lookup($"email={tag}-3@example.de"))["id"]!;
        Assert.Equal("green", (string?)(await Admin.GetJson($"/v1/members/{plain}/tier"))["tier"]!["id"]);
        Assert.Empty((await Admin.GetJson($"/v1/members/{plain}/tier/history"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Running_the_same_file_again_imports_nothing_new()
    {
        var tag = Unique("imp");
        var file = CsvFile(Header, Enumerable.Range(1, 12).Select(i => $"{tag}-{i},{tag}-{i}@example.de,,{tag}C{i},,,,,,100,").ToArray());
        Assert.Equal(0, (await Treu("import", "members", file)).Code);
        var member = (string)(await Lookup($"card={tag}C3"))["id"]!;

        var (code, output) = await Treu("import", "members", file);

        Assert.Equal(0, code);
        Assert.Contains("0 imported", output);
        Assert.Contains("12 already present", output);
        Assert.Equal(100, await Available(member));
        Assert.Single((await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_card_already_registered_to_another_member_rejects_the_row_and_changes_nothing()
    {
        var tag = Unique("imp");
        var owner = await (await Admin.Post("/v1/members", new { email = $"{tag}-owner@example.de", cards = new[] { $"{tag}CARD" } })).Json(HttpStatusCode.Created);
        var file = CsvFile(Header, $"{tag}-1,{tag}-1@example.de,,{tag}CARD,,,,,,500,");

        var (code, output) = await Treu("import", "members", file);

        Assert.Equal(1, code);
        Assert.Contains("card_taken", output);
        Assert.Equal((string?)owner["id"], (string?)(await Lookup($"card={tag}CARD"))["id"]);
        Assert.Equal(0, await Available((string)owner["id"]!));
        await (await Admin.GetAsync($"/v1/members/lookup?email={tag}-1@example.de", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task A_file_with_an_unknown_column_is_refused_before_anything_is_written()
    {
        var tag = Unique("imp");
        var path = TempFile("input");
        File.WriteAllLines(path, ["externalRef,e-mail", $"{tag}-1,{tag}-1@example.de"]);

        var (code, output) = await Treu("import", "members", path);

        Assert.Equal(2, code);
        Assert.Contains("Unknown column(s): e-mail", output);
        await (await Admin.GetAsync($"/v1/members/lookup?email={tag}-1@example.de", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "member_not_found");
    }
}

public sealed class MemberImportOnSqlite(SqliteApp app) : MemberImportSpec(app), IClassFixture<SqliteApp>;

public sealed class MemberImportOnPostgres(PostgresApp app) : MemberImportSpec(app), IClassFixture<PostgresApp>
{
    /// <summary>
    /// With statistics that show next to no members for the program, PostgreSQL looked e-mails up on the externalRef
    /// index (all five begin with the program), reading every member of the program per look-up: the second chunk's
    /// check of a fresh database ran past the command timeout and the import stopped. The import now takes statistics
    /// after its first chunk, before the writers run side by side.
    /// </summary>
    [Fact]
    public async Task An_import_leaves_statistics_that_keep_its_checks_on_the_right_indexes()
    {
        var tag = Unique("many");
        var file = CsvFile("externalRef,email", Enumerable.Range(1, Treu.Server.Import.MemberImport.ChunkSize + 1).Select(i => $"{tag}-{i},{tag}-{i}@example.de").ToArray());
        var before = await Analysed();

        var (code, output) = await App.Treu("import", "members", file, "--writers", "2");

        Assert.True(code == 0, output);
        Assert.Contains($"{Treu.Server.Import.MemberImport.ChunkSize + 1:N0} imported", output);
        // Counters reach pg_stat_user_tables within a second or so of the analysing session's commit.
        var analysed = before;
        await Poll.UntilAsync(async _ => (analysed = await Analysed()) > before, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.True(analysed > before, "members were not analysed during the import");
        var plan = await App.Db(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var explain = connection.CreateCommand();
            explain.CommandText = $"EXPLAIN SELECT m.email FROM members AS m WHERE m.program_id = (SELECT program_id FROM members WHERE email = '{tag}-1@example.de') "
                + $"AND m.email = '{tag}-2@example.de' LIMIT 1";
            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join('\n', lines);
        });
        Assert.Contains("ix_members_program_id_email on members m", plan);
    }

    private Task<long> Analysed() => App.Db(async db =>
        (await db.Database.SqlQueryRaw<long>("SELECT analyze_count AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'members'").ToListAsync()).Single());
}
