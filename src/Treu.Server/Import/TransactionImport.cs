using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Import;

/// <summary>
/// <c>treu import transactions</c>: the points history of the old system, posted to the ledgers of imported members
/// (found by their externalRef). A credit becomes an <c>adjust</c> entry with a lot that expires as the program's
/// points do, counted from when it happened; a debit spends available points like a redemption and is rejected when
/// they do not cover it. Each transaction is known by its externalId: a second run posts nothing twice.
/// </summary>
public sealed class TransactionImport(TreuDbContext db, WriteTransaction tx, BulkWriter bulk, ProgramSettings programs, TimeProvider clock)
{
    public const int ChunkSize = 5000;
    public const long MaxPoints = 1_000_000_000;

    public static readonly string[] Columns = ["memberRef", "externalId", "occurredAt", "points", "reason"];

    private sealed record Row(long Line, string MemberRef, string ExternalId, DateTime OccurredAt, long Points, string Reason);

    public async Task<ImportReport> RunAsync(string programId, TextReader csvText, Action<RejectedRow> rejected, Action<long>? progress, CancellationToken ct)
    {
        var program = await programs.GetAsync(programId, ct);
        using var csv = await ImportCsv.OpenAsync(csvText, Columns, ["memberRef", "externalId", "occurredAt", "points"]);
        var rejections = new Rejections(rejected);
        long read = 0, imported = 0, present = 0, points = 0;
        var chunk = new List<Row>(ChunkSize);
        async Task Flush()
        {
            var rejectedHere = new List<RejectedRow>();
            var done = await tx.RunAloneAsync(token => PostChunkAsync(program, chunk, rejectedHere, token), _ => true, ct);
            rejectedHere.ForEach(rejections.Add);
            (imported, present, points) = (imported + done.Imported, present + done.Present, points + done.Points);
            chunk.Clear();
            progress?.Invoke(read);
        }

        while (await csv.ReadAsync(rejections.Add))
        {
            read++;
            var parsed = Parse(csv);
            if (parsed.Failure is { } failure)
            {
                rejections.Add(failure);
            }
            else
            {
                chunk.Add(parsed.Row!);
            }

            if (chunk.Count == ChunkSize)
            {
                await Flush();
            }
        }

        if (chunk.Count > 0)
        {
            await Flush();
        }

        progress?.Invoke(read);
        return new ImportReport(read, imported, present, rejections.Count, points, rejections.ByCode);
    }

    private (Row? Row, RejectedRow? Failure) Parse(ImportCsv csv)
    {
        var check = new Validation();
        var memberRef = csv.Field("memberRef");
        var externalId = csv.Field("externalId");
        var reason = csv.Field("reason");
        check.Require("memberRef", memberRef, 200).Require("externalId", externalId, 200).MaxLength("reason", reason, 500);
        long points = 0;
        if (!long.TryParse(csv.Field("points"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out points) || points == 0 || Math.Abs(points) > MaxPoints)
        {
            check.Add("points", $"must be a whole number other than 0, from -{MaxPoints} to {MaxPoints}");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime occurredAt = default;
        if (!DateTime.TryParse(csv.Field("occurredAt"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out occurredAt))
        {
            check.Add("occurredAt", "must be a date (yyyy-MM-dd) or an ISO 8601 time");
        }
        else if (occurredAt > now)
        {
            check.Add("occurredAt", "must not lie in the future");
        }

        return check.IsValid
            ? (new Row(csv.Line, memberRef!, externalId!, Clock.ToStoredPrecision(DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc)), points,
                reason ?? (points > 0 ? "Points carried over from the previous system" : "Points spent in the previous system")), null)
            : (null, new RejectedRow(csv.Line, externalId, "invalid", string.Join("; ", check.Messages)));
    }

    /// <summary>One transaction: the chunk's members locked, their ledgers extended in the file's order, everything written at once.</summary>
    private async Task<(long Imported, long Present, long Points)> PostChunkAsync(
        Domain.Programs.LoyaltyProgram program, List<Row> rows, List<RejectedRow> rejected, CancellationToken ct)
    {
        rejected.Clear();
        var programId = program.Id;
        var ids = rows.Select(r => r.ExternalId).ToList();
        var present = (await db.ImportedTransactions.AsNoTracking().Where(t => t.ProgramId == programId && ids.Contains(t.ExternalId)).Select(t => t.ExternalId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var refs = rows.Select(r => r.MemberRef).Distinct().ToList();
        var members = (await db.Dialect.LockMembersByRefAsync(db, programId, refs, ct)).ToDictionary(m => m.ExternalRef!, StringComparer.Ordinal);
        var memberIds = members.Values.Select(m => m.Id).ToList();
        var lots = (await db.Lots.AsNoTracking().Where(l => memberIds.Contains(l.MemberId) && l.State != LotState.Closed).ToListAsync(ct))
            .GroupBy(l => l.MemberId).ToDictionary(g => g.Key, g => g.ToList());

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var entries = new List<LedgerEntry>();
        var newLots = new List<PointsLot>();
        var imported = new List<ImportedTransaction>();
        var touched = new Dictionary<string, Member>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long posted = 0, alreadyPresent = 0;
        foreach (var row in rows)
        {
            if (present.Contains(row.ExternalId))
            {
                alreadyPresent++;
                continue;
            }

            if (!seen.Add(row.ExternalId))
            {
                rejected.Add(new RejectedRow(row.Line, row.ExternalId, "duplicate_id", "externalId appears twice in the file"));
                continue;
            }

            if (!members.TryGetValue(row.MemberRef, out var member))
            {
                rejected.Add(new RejectedRow(row.Line, row.ExternalId, "member_not_found", $"no member has externalRef {row.MemberRef}: import the members first"));
                continue;
            }

            var memberLots = lots.TryGetValue(member.Id, out var l) ? l : lots[member.Id] = [];
            var posting = new LedgerPosting(program, member, row.OccurredAt);
            var source = new EntrySource("import", null, "import", "import-transaction", row.ExternalId, row.Reason);
            if (row.Points > 0)
            {
                posting.Credit(EntryKind.Adjust, [(row.Points, program.ExpiryFor(row.OccurredAt))], source);
            }
            else if (posting.Spend(EntryKind.Redeem, -row.Points, memberLots, source) is { Failure: { } failure })
            {
                rejected.Add(new RejectedRow(row.Line, row.ExternalId, "insufficient_points", failure.Message));
                continue;
            }

            member.UpdatedAt = now;
            memberLots.AddRange(posting.NewLots);
            newLots.AddRange(posting.NewLots);
            entries.AddRange(posting.Entries);
            imported.Add(new ImportedTransaction { ProgramId = programId, ExternalId = row.ExternalId, MemberId = member.Id, EntryId = posting.Entries[0].Id, ImportedAt = now });
            touched[member.Id] = member;
            posted += row.Points;
        }

        var created = newLots.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        await bulk.InsertAsync(entries, ct);
        await bulk.InsertAsync(newLots, ct);
        await bulk.InsertAsync(imported, ct);
        await bulk.UpdateLotsAsync(lots.Values.SelectMany(x => x).Where(x => !created.Contains(x.Id) && touched.ContainsKey(x.MemberId)).ToList(), ct);
        await bulk.UpdateBalancesAsync(touched.Values.ToList(), ct);
        return (imported.Count, alreadyPresent, posted);
    }
}
