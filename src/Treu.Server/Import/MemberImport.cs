using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Members;
using Treu.Server.Storage;

namespace Treu.Server.Import;

/// <summary>A row the import did not take, with the line of the file it came from and why.</summary>
public sealed record RejectedRow(long Line, string? ExternalRef, string Code, string Reason);

public sealed record ImportReport(long Read, long Imported, long AlreadyPresent, long Rejected, long Points, IReadOnlyDictionary<string, long> RejectedByCode);

/// <summary>
/// <c>treu import members</c>: members from another system, in chunks, each chunk checked with the enrolment's own rules
/// and written in one transaction with set-based checks and bulk writes. A member is known by its external reference:
/// a second run finds the members of the first and adds nothing. An opening balance becomes an adjustment on the
/// member's ledger, so balances and hash chains verify like any other.
/// </summary>
public sealed class MemberImport(TreuDbContext db, WriteTransaction tx, BulkWriter bulk, ProgramSettings programs, TimeProvider clock)
{
    /// <summary>Rows per transaction: large enough for COPY to pay, small enough that a failure or a lock costs little.</summary>
    public const int ChunkSize = 10_000;

    public const long MaxOpeningPoints = 1_000_000_000;

    public static readonly string[] Columns =
        ["externalRef", "email", "phone", "cards", "firstName", "lastName", "birthDate", "language", "consents", "points", "pointsExpireAt"];

    private sealed record Row(long Line, string ExternalRef, EnrolMemberRequest Request, EnrolmentContacts Contacts, long Points, DateTime? PointsExpireAt);

    /// <summary>Reads the CSV and imports it. Rejected rows go to <paramref name="rejected"/> as they are found; progress is reported per chunk.</summary>
    public async Task<ImportReport> RunAsync(string programId, TextReader csvText, Action<RejectedRow> rejected, Action<long>? progress, CancellationToken ct)
    {
        var program = await programs.GetAsync(programId, ct);
        using var csv = await ImportCsv.OpenAsync(csvText, Columns, ["externalRef"]);
        var rejections = new Rejections(rejected);
        long read = 0, imported = 0, present = 0, points = 0;
        var chunk = new List<Row>(ChunkSize);
        while (await csv.ReadAsync(rejections.Add))
        {
            read++;
            var parsed = Parse(csv);
            if (parsed.Failure is { } failure)
            {
                rejections.Add(failure);
                continue;
            }

            chunk.Add(parsed.Row!);
            if (chunk.Count == ChunkSize)
            {
                var done = await ImportChunkAsync(program, chunk, rejections.Add, ct);
                (imported, present, points) = (imported + done.Imported, present + done.Present, points + done.Points);
                chunk.Clear();
                progress?.Invoke(read);
            }
        }

        if (chunk.Count > 0)
        {
            var done = await ImportChunkAsync(program, chunk, rejections.Add, ct);
            (imported, present, points) = (imported + done.Imported, present + done.Present, points + done.Points);
        }

        progress?.Invoke(read);
        return new ImportReport(read, imported, present, rejections.Count, points, rejections.ByCode);
    }

    private (Row? Row, RejectedRow? Failure) Parse(ImportCsv csv)
    {
        var line = csv.Line;
        var check = new Validation();
        var externalRef = csv.Field("externalRef");
        check.Require("externalRef", externalRef, 200);
        DateOnly? birthDate = null;
        if (csv.Field("birthDate") is { } b)
        {
            if (DateOnly.TryParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                birthDate = d;
            }
            else
            {
                check.Add("birthDate", "must be a date as yyyy-MM-dd");
            }
        }

        long points = 0;
        if (csv.Field("points") is { } p && (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out points) || points > MaxOpeningPoints))
        {
            check.Add("points", $"must be a whole number from 0 to {MaxOpeningPoints}");
        }

        DateTime? expireAt = null;
        if (csv.Field("pointsExpireAt") is { } e)
        {
            if (!DateTime.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                check.Add("pointsExpireAt", "must be a date (yyyy-MM-dd) or an ISO 8601 time");
            }
            else if (at <= clock.GetUtcNow().UtcDateTime)
            {
                check.Add("pointsExpireAt", "must lie in the future: points that have expired are not carried over");
            }
            else
            {
                expireAt = Clock.ToStoredPrecision(DateTime.SpecifyKind(at, DateTimeKind.Utc));
            }
        }

        var consents = Consents(check, csv.Field("consents"));
        var request = new EnrolMemberRequest(
            Email: csv.Field("email"), Phone: csv.Field("phone"), FirstName: csv.Field("firstName"), LastName: csv.Field("lastName"), BirthDate: birthDate,
            Language: csv.Field("language"), Cards: csv.Field("cards")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Consents: consents, Channel: "import");
        var contacts = MemberEndpoints.CheckEnrolment(check, request, clock);
        return check.IsValid
            ? (new Row(line, externalRef!, request, contacts, points, expireAt), null)
            : (null, new RejectedRow(line, externalRef, "invalid", string.Join("; ", check.Messages)));
    }

    /// <summary>"terms:yes:v3;marketing_email:no:v1": purpose, answer and the version of the text the member saw.</summary>
    private static ConsentInput[]? Consents(Validation check, string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var consents = new List<ConsentInput>();
        foreach (var part in raw.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bits = part.Split(':', StringSplitOptions.TrimEntries);
            bool? granted = bits.Length == 3 ? bits[1].ToLowerInvariant() switch { "yes" or "true" or "1" => true, "no" or "false" or "0" => false, _ => null } : null;
            if (granted is null)
            {
                check.Add("consents", $"'{(part.Length > 40 ? part[..40] + "…" : part)}' is not purpose:yes|no:textVersion");
                continue;
            }

            consents.Add(new ConsentInput(bits[0], granted, bits[2]));
        }

        return [.. consents];
    }

    private async Task<(long Imported, long Present, long Points)> ImportChunkAsync(Domain.Programs.LoyaltyProgram program, List<Row> rows, Action<RejectedRow> reject, CancellationToken ct)
    {
        // Another writer (a till enrolling the same e-mail) may win a race between the checks and the commit:
        // the database refuses the chunk, and the next attempt's checks name the clash.
        for (var attempt = 1; ; attempt++)
        {
            var rejectedHere = new List<RejectedRow>();
            try
            {
                var result = await TryChunkAsync(program, rows, rejectedHere, ct);
                rejectedHere.ForEach(reject);
                return result;
            }
            catch (Exception e) when (WriteTransaction.IsUniqueViolation(e) && attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(long Imported, long Present, long Points)> TryChunkAsync(Domain.Programs.LoyaltyProgram program, List<Row> rows, List<RejectedRow> rejected, CancellationToken ct)
    {
        var programId = program.Id;
        var members = db.Members.AsNoTracking().Where(m => m.ProgramId == programId);
        var refs = rows.Select(r => r.ExternalRef).ToList();
        var emails = rows.Select(r => r.Contacts.Email).OfType<string>().ToList();
        var phones = rows.Select(r => r.Contacts.Phone).OfType<string>().ToList();
        var cards = rows.SelectMany(r => r.Contacts.Cards).ToList();
        // One round trip for every check of the chunk: which refs are present, which contacts are taken.
        var found = await members.Where(m => refs.Contains(m.ExternalRef!)).Select(m => new { Kind = "r", Value = m.ExternalRef! })
            .Concat(members.Where(m => emails.Contains(m.Email!)).Select(m => new { Kind = "e", Value = m.Email! }))
            .Concat(members.Where(m => phones.Contains(m.Phone!)).Select(m => new { Kind = "p", Value = m.Phone! }))
            .Concat(db.MemberCards.Where(c => c.ProgramId == programId && cards.Contains(c.Number)).Select(c => new { Kind = "c", Value = c.Number }))
            .ToListAsync(ct);
        HashSet<string> Found(string kind) => found.Where(f => f.Kind == kind).Select(f => f.Value).ToHashSet(StringComparer.Ordinal);
        var (present, emailsTaken, phonesTaken, cardsTaken) = (Found("r"), Found("e"), Found("p"), Found("c"));

        // Rows of this chunk clash with each other too: the first one of a file wins, as it would at a till.
        var seenRefs = new Dictionary<string, long>(StringComparer.Ordinal);
        var seenContacts = new Dictionary<string, long>(StringComparer.Ordinal);
        var accepted = new List<Row>(rows.Count);
        long alreadyPresent = 0;
        foreach (var row in rows)
        {
            if (present.Contains(row.ExternalRef))
            {
                alreadyPresent++;
                continue;
            }

            if (seenRefs.TryGetValue(row.ExternalRef, out var firstLine))
            {
                rejected.Add(new RejectedRow(row.Line, row.ExternalRef, "duplicate_ref", $"externalRef appears again (first on line {firstLine})"));
                continue;
            }

            if (Clash(row, emailsTaken, phonesTaken, cardsTaken, seenContacts) is { } clash)
            {
                rejected.Add(clash);
                continue;
            }

            seenRefs[row.ExternalRef] = row.Line;
            if (row.Contacts.Email is { } email)
            {
                seenContacts.TryAdd("e:" + email, row.Line);
            }

            if (row.Contacts.Phone is { } phone)
            {
                seenContacts.TryAdd("p:" + phone, row.Line);
            }

            foreach (var card in row.Contacts.Cards)
            {
                seenContacts.TryAdd("c:" + card, row.Line);
            }

            accepted.Add(row);
        }

        if (accepted.Count == 0)
        {
            return (0, alreadyPresent, 0);
        }

        var numbers = await FreeMemberNumbersAsync(programId, accepted.Count, ct);
        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var newMembers = new List<Member>(accepted.Count);
        var entries = new List<LedgerEntry>();
        var lots = new List<PointsLot>();
        long points = 0;
        for (var i = 0; i < accepted.Count; i++)
        {
            var row = accepted[i];
            var member = MemberEndpoints.NewMember(programId, numbers[i], row.Request, row.Contacts, "import", null, now);
            member.ExternalRef = row.ExternalRef;
            if (row.Points > 0)
            {
                var posting = new LedgerPosting(program, member, now);
                posting.Credit(EntryKind.Adjust, [(row.Points, row.PointsExpireAt ?? program.ExpiryFor(now))],
                    new EntrySource("import", null, "import", "import", row.ExternalRef, "Opening balance carried over from the previous system"));
                entries.AddRange(posting.Entries);
                lots.AddRange(posting.NewLots);
                points += row.Points;
            }

            newMembers.Add(member);
        }

        await tx.RunAsync(async token =>
        {
            await bulk.InsertAsync(newMembers, token);
            await bulk.InsertAsync(newMembers.SelectMany(m => m.Cards).ToList(), token);
            await bulk.InsertAsync(newMembers.SelectMany(m => m.Consents).ToList(), token);
            await bulk.InsertAsync(entries, token);
            await bulk.InsertAsync(lots, token);
            return true;
        }, _ => true, ct);
        return (accepted.Count, alreadyPresent, points);
    }

    private static RejectedRow? Clash(Row row, HashSet<string> emails, HashSet<string> phones, HashSet<string> cards, Dictionary<string, long> seen)
    {
        string Earlier(string key) => seen.TryGetValue(key, out var line) ? $" (line {line} of this file)" : "";

        var c = row.Contacts;
        if (c.Email is { } email && (emails.Contains(email) || seen.ContainsKey("e:" + email)))
        {
            return new RejectedRow(row.Line, row.ExternalRef, "email_taken", $"another member already uses the e-mail address {email}{Earlier("e:" + email)}");
        }

        if (c.Phone is { } phone && (phones.Contains(phone) || seen.ContainsKey("p:" + phone)))
        {
            return new RejectedRow(row.Line, row.ExternalRef, "phone_taken", $"another member already uses the phone number {phone}{Earlier("p:" + phone)}");
        }

        if (c.Cards.FirstOrDefault(n => cards.Contains(n) || seen.ContainsKey("c:" + n)) is { } card)
        {
            return new RejectedRow(row.Line, row.ExternalRef, "card_taken", $"card {card} is already registered to another member{Earlier("c:" + card)}");
        }

        return null;
    }

    /// <summary>Random member numbers, as enrolment gives them, none of them in use and none twice.</summary>
    private async Task<List<string>> FreeMemberNumbersAsync(string programId, int count, CancellationToken ct)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var candidates = new HashSet<string>(StringComparer.Ordinal);
            while (candidates.Count < count - numbers.Count)
            {
                var n = MemberNumber.New();
                if (!numbers.Contains(n))
                {
                    candidates.Add(n);
                }
            }

            var list = candidates.ToList();
            var used = await db.Members.AsNoTracking().Where(m => m.ProgramId == programId && list.Contains(m.MemberNumber)).Select(m => m.MemberNumber).ToListAsync(ct);
            candidates.ExceptWith(used);
            numbers.UnionWith(candidates);
            if (numbers.Count == count)
            {
                return [.. numbers];
            }
        }

        throw new InvalidOperationException("No free member numbers after 10 tries.");
    }
}

/// <summary>The file cannot be imported at all (no header, unknown columns): nothing was written.</summary>
public sealed class ImportFileException(string message) : Exception(message);
