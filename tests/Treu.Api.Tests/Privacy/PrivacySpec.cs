using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Import;
using Treu.Api.Tests.Infrastructure;
using Treu.Api.Tests.Security;

namespace Treu.Api.Tests.Privacy;

/// <summary>
/// A member's rights over their data: everything Treu holds, as JSON and as a CSV bundle (GDPR Art. 15 and 20), and its
/// erasure, with the ledger kept whole (Art. 17).
/// </summary>
public abstract class PrivacySpec(TreuApp app) : ApiSpec(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A member with a bit of everything: cards, a consent given and withdrawn, a purchase, a reward, a transfer, an action.</summary>
    private async Task<(string Member, string Email, string Card, string Purchase)> MemberWithAHistory()
    {
        var email = $"{Unique("export")}@example.de";
        var card = $"2750{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}";
        var member = (string)(await (await Admin.Post("/v1/members", new
        {
            email,
            firstName = "Anna",
            lastName = "Schmidt",
            cards = new[] { card },
            consents = new[] { new { purpose = "marketing_email", granted = true, textVersion = "2026-01" } },
        })).Json(HttpStatusCode.Created))["id"]!;
        await (await Admin.Patch($"/v1/members/{member}", new { consents = new[] { new { purpose = "marketing_email", granted = false, textVersion = "2026-02" } } }))
            .Json(HttpStatusCode.OK);
        await Credit(member, 5_000);
        var purchase = (string)(await Purchase(await Till(), member, [Line("4006381333931", 2, 8.99m), Line("SECRET-TEA-77", 1, 4.50m)]))["id"]!;
        var reward = await SecurityWorld.RewardAsync(Admin);
        await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Json(HttpStatusCode.Created);
        await (await Admin.Post("/v1/transfers", new { fromMemberId = member, toMemberId = await EnrolId(), points = 100 })).Json(HttpStatusCode.Created);
        await (await Admin.Post($"/v1/members/{member}/events", new { type = "product_review", externalId = Unique("E") })).Json(HttpStatusCode.Created);
        return (member, email, card, purchase);
    }

    [Fact]
    public async Task The_export_holds_profile_cards_consent_history_ledger_purchases_with_lines_vouchers_transfers_and_actions()
    {
        var (member, email, card, purchase) = await MemberWithAHistory();

        var export = await Admin.GetJson($"/v1/members/{member}/export");

        Assert.Equal(email, (string)export["member"]!["email"]!);
        Assert.Equal("Schmidt", (string)export["member"]!["lastName"]!);
        Assert.Equal(card, (string)export["cards"]![0]!["number"]!);
        var consents = export["consents"]!.AsArray();
        Assert.Equal([true, false], consents.Select(c => (bool)c!["granted"]!));
        Assert.Equal(["2026-01", "2026-02"], consents.Select(c => (string)c!["textVersion"]!));
        var ledger = (await Admin.GetJson($"/v1/members/{member}/ledger?limit=100"))["items"]!.AsArray();
        Assert.Equal(ledger.Count, export["ledger"]!.AsArray().Count);
        Assert.Equal(purchase, (string)export["purchases"]![0]!["id"]!);
        Assert.Contains(export["purchaseLines"]!.AsArray(), l => (string)l!["sku"]! == "SECRET-TEA-77" && (string)l["purchaseId"]! == purchase);
        Assert.Single(export["vouchers"]!.AsArray());
        Assert.Single(export["transfers"]!.AsArray());
        Assert.Equal("product_review", (string)export["events"]![0]!["type"]!);
    }

    [Fact]
    public async Task A_member_exports_their_own_data_and_nobody_elses()
    {
        var (member, email, _, _) = await MemberWithAHistory();
        var other = await EnrolId();
        var session = await (await Admin.Post($"/v1/members/{member}/sessions", new { })).Json(HttpStatusCode.Created);
        var wallet = App.Client((string)session["accessToken"]!);

        Assert.Equal(email, (string)(await wallet.GetJson($"/v1/members/{member}/export"))["member"]!["email"]!);
        Assert.Single((await wallet.GetJson($"/v1/members/{member}/export"))["sessions"]!.AsArray());
        await (await wallet.GetAsync($"/v1/members/{other}/export", Ct)).Problem(HttpStatusCode.NotFound, "member_not_found");
        await (await wallet.GetAsync($"/v1/members/{other}/export.zip", Ct)).Problem(HttpStatusCode.NotFound, "member_not_found");
        await (await (await App.ClientWithScope("app")).GetAsync($"/v1/members/{member}/export", Ct)).Problem(HttpStatusCode.Forbidden, "forbidden_scope");
    }

    [Fact]
    public async Task The_bundle_holds_the_json_and_one_csv_file_per_list_with_the_same_rows()
    {
        var (member, email, _, purchase) = await MemberWithAHistory();

        var response = await Admin.GetAsync($"/v1/members/{member}/export.zip", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));

        var files = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Superset(new HashSet<string> { "export.json", "member.csv", "cards.csv", "consents.csv", "ledger.csv", "purchases.csv", "purchase_lines.csv" }, files);
        var export = JsonNode.Parse(Read(zip, "export.json"))!;
        var ledger = Read(zip, "ledger.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(export["ledger"]!.AsArray().Count + 1, ledger.Length);
        Assert.StartsWith("seq,id,kind,", ledger[0]);
        Assert.Contains($"email,{email}", Read(zip, "member.csv"));
        Assert.Contains(Read(zip, "purchase_lines.csv").Split('\n'), l => l.StartsWith($"{purchase},2,SECRET-TEA-77,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_operator_exports_a_member_from_the_command_line()
    {
        var (member, email, _, _) = await MemberWithAHistory();
        var file = Path.Combine(Path.GetTempPath(), $"treu-export-{Guid.NewGuid():n}.zip");
        try
        {
            var (code, output) = await App.Treu("member", "export", member, "--out", file);

            Assert.True(code == 0, output);
            using var zip = ZipFile.OpenRead(file);
            Assert.Equal(email, (string)JsonNode.Parse(Read(zip, "export.json"))!["member"]!["email"]!);
            Assert.Equal(1, (await App.Treu("member", "export", "mbr_nobody", "--out", file)).Code);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Erasure_removes_the_person_at_once_and_keeps_the_ledger_whole_and_verifying()
    {
        var (member, email, card, purchase) = await MemberWithAHistory();
        var before = await Admin.GetJson($"/v1/members/{member}/export");
        var total = (decimal)(await Admin.GetJson($"/v1/transactions/{purchase}"))["total"]!;

        var erased = await (await Admin.Post($"/v1/members/{member}/erasure", new { reason = "Letter of 2026-12-01" })).Json(HttpStatusCode.OK);

        Assert.Equal(member, (string)erased["memberId"]!);
        var after = await Admin.GetJson($"/v1/members/{member}/export");
        var text = after.ToJsonString();
        Assert.DoesNotContain(email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Schmidt", text, StringComparison.Ordinal);
        Assert.DoesNotContain(card, text, StringComparison.Ordinal);
        Assert.Equal("erased", (string)after["member"]!["status"]!);
        Assert.Equal(before["ledger"]!.ToJsonString(), after["ledger"]!.ToJsonString());
        Assert.Equal(before["member"]!["available"]!.GetValue<long>(), after["member"]!["available"]!.GetValue<long>());
        Assert.Equal(total, (decimal)(await Admin.GetJson($"/v1/transactions/{purchase}"))["total"]!);
        await AssertLedgerVerifies();
        await (await Admin.GetAsync($"/v1/members/lookup?card={card}", Ct)).Problem(HttpStatusCode.NotFound, "member_not_found");
        await (await Admin.GetAsync($"/v1/members/lookup?email={Uri.EscapeDataString(email)}", Ct)).Problem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task Erasure_is_recorded_with_who_when_and_why_and_told_to_other_systems_without_the_erased_data()
    {
        var (member, email, _, _) = await MemberWithAHistory();

        await (await Admin.Post($"/v1/members/{member}/erasure", new { reason = "Letter of 2026-12-01" })).Json(HttpStatusCode.OK);

        var audit = (await Admin.GetJson($"/v1/admin/audit?targetType=member&targetId={member}")).AsArray();
        var entry = Assert.Single(audit, a => (string)a!["action"]! == "member.erased")!;
        Assert.StartsWith("api_key:", (string)entry["actor"]!);
        Assert.Equal("Letter of 2026-12-01", (string)entry["details"]!["reason"]!);
        var events = await App.Db(db => db.DomainEvents.AsNoTracking().Where(e => e.MemberId == member && e.Type == "member.erased").ToListAsync());
        var told = Assert.Single(events);
        Assert.DoesNotContain(email, told.Payload, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, audit.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_erased_member_earns_nothing_signs_in_nowhere_and_cannot_be_changed()
    {
        var (member, email, _, _) = await MemberWithAHistory();
        var session = await (await Admin.Post($"/v1/members/{member}/sessions", new { })).Json(HttpStatusCode.Created);

        await (await Admin.Post($"/v1/members/{member}/erasure", new { reason = "Member asked at the counter" })).Json(HttpStatusCode.OK);

        await (await App.Client((string)session["accessToken"]!).GetAsync($"/v1/members/{member}", Ct)).Problem(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await (await Till()).Post("/v1/transactions", Basket(member, Unique("R"), [Line("4006381333931", 1, 8.99m)])))
            .Problem(HttpStatusCode.UnprocessableEntity, "member_erased");
        await (await Admin.Post($"/v1/members/{member}/sessions", new { })).Problem(HttpStatusCode.UnprocessableEntity, "member_erased");
        await (await Admin.Patch($"/v1/members/{member}", new { email })).Problem(HttpStatusCode.UnprocessableEntity, "member_erased");
        await (await Admin.Post($"/v1/members/{member}/erasure", new { reason = "again" })).Problem(HttpStatusCode.UnprocessableEntity, "member_erased");
        await (await Admin.Patch($"/v1/members/{await EnrolId()}", new { status = "erased" })).Problem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_member_erases_their_own_data_and_nobody_elses()
    {
        var (member, _, _, _) = await MemberWithAHistory();
        var other = await EnrolId();
        var wallet = App.Client((string)(await (await Admin.Post($"/v1/members/{member}/sessions", new { })).Json(HttpStatusCode.Created))["accessToken"]!);

        await (await wallet.Post($"/v1/members/{other}/erasure", new { reason = "mischief" })).Problem(HttpStatusCode.NotFound, "member_not_found");
        var erased = await (await wallet.Post($"/v1/members/{member}/erasure", new { reason = "Deleted my account in the app" })).Json(HttpStatusCode.OK);

        Assert.Equal(1, erased.Long("sessionsEnded"));
        Assert.Equal("active", (string)(await Admin.GetJson($"/v1/members/{other}"))["status"]!);
        var entry = (await Admin.GetJson($"/v1/admin/audit?targetType=member&targetId={member}")).AsArray().Single(a => (string)a!["action"]! == "member.erased")!;
        Assert.Equal($"member:{member}", (string)entry["actor"]!);
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}

public sealed class PrivacyOnSqlite(SqliteApp app) : PrivacySpec(app), IClassFixture<SqliteApp>;

public sealed class PrivacyOnPostgres(PostgresApp app) : PrivacySpec(app), IClassFixture<PostgresApp>;
