using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Tiers;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Members;
using Treu.Server.Storage;
using Treu.Server.Storage.Dialects;
using Treu.Server.Tiers;

namespace Treu.Server.Import;

/// <summary>
/// <c>treu import members</c>: members from another system, in chunks, each chunk checked with the enrolment's own rules
/// and written in one transaction with set-based checks and bulk writes. A member is known by its external reference:
/// a second run finds the members of the first and adds nothing. An opening balance becomes an adjustment on the
/// member's ledger, so balances and hash chains verify like any other.
/// <para>
/// A pipeline: one task reads the file and checks, builds and hashes the next chunks (on every core) while writers,
/// each on a connection of its own, check the chunks before against the database and COPY them. The outcome is the
/// one a single writer reading the file top to bottom would have: a chunk that shares an externalRef, e-mail, phone
/// or card with a chunk still being written waits for it, and rejected rows and progress are reported in file order.
/// </para>
/// </summary>
public sealed class MemberImport(TreuDbContext db, IServiceScopeFactory scopes, ProgramSettings programs, EnrolMember enrolment, TimeProvider clock,
    TierLadders ladders, DomainEvents events)
{
    /// <summary>Rows per transaction: large enough for COPY to pay, small enough that a failure or a lock costs little.</summary>
    public const int ChunkSize = 10_000;

    public const long MaxOpeningPoints = 1_000_000_000;

    /// <summary>How long a tier carried over holds when the file gives no <c>tierUntil</c>.</summary>
    public const int TierMonthsByDefault = 12;

    public const string TierReason = "Status carried over from the previous system";

    public static readonly string[] Columns =
        ["externalRef", "email", "phone", "cards", "firstName", "lastName", "birthDate", "language", "consents", "points", "pointsExpireAt", "tier", "tierUntil"];

    /// <summary>A checked row and the member it makes, built before the database is asked (its number is drawn per chunk).</summary>
    /// <param name="TierChange">A tier carried over: the member's tier history, and its <c>tier.changed</c> event.</param>
    internal sealed record Row(
        long Line, string ExternalRef, EnrolmentContacts Contacts, long Points, Member Member, IReadOnlyList<LedgerEntry> Entries, IReadOnlyList<PointsLot> Lots,
        TierChange? TierChange = null, DomainEvent? TierEvent = null);

    private sealed class Chunk(long read, Task previous, bool first)
    {
        /// <summary>The file's first chunk: written alone, then the planner's statistics are taken (see <see cref="MemberImportWriter.AnalyzeAsync"/>).</summary>
        public bool First { get; } = first;

        public List<Row> Rows { get; } = [];

        /// <summary>Rows refused before the database was asked (malformed, invalid), in file order.</summary>
        public List<RejectedRow> Refused { get; } = [];

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public long Read { get; } = read;

        /// <summary>The chunk before: its rows are reported first, and it is waited for when it shares a key with this one.</summary>
        public Task Previous { get; } = previous;

        public bool SharesKeysWithPrevious { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Reads the CSV and imports it with <paramref name="writers"/> connections (default: <see cref="ParallelWriters.Default"/>).
    /// Rejected rows go to <paramref name="rejected"/> in file order; progress is reported per chunk of <paramref name="chunkSize"/> rows.
    /// </summary>
    public async Task<ImportReport> RunAsync(string programId, TextReader csvText, int? writers, Action<RejectedRow> rejected, Action<long>? progress, CancellationToken ct,
        int chunkSize = ChunkSize)
    {
        var program = await programs.GetAsync(programId, ct);
        var ladder = await ladders.GetAsync(programId, ct);
        using var csv = await ImportCsv.OpenAsync(csvText, Columns, ["externalRef"]);
        var rejections = new Rejections(rejected);
        long read = 0, imported = 0, present = 0, points = 0;
        var parallel = writers ?? ParallelWriters.Default(db);
        var statistics = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await ParallelWriters.RunAsync<Chunk>(scopes, parallel,
            async (enqueue, token) =>
            {
                var inFlight = new Queue<Chunk>();
                Task previous = Task.CompletedTask;
                var raw = new List<(long Line, string?[] Fields)>(chunkSize);
                var refused = new List<RejectedRow>();
                while (true)
                {
                    var more = await csv.ReadAsync(refused.Add);
                    if (more)
                    {
                        read++;
                        raw.Add((csv.Line, Columns.Select(csv.Field).ToArray()));
                    }

                    if (raw.Count == chunkSize || (!more && (raw.Count > 0 || refused.Count > 0)))
                    {
                        var chunk = Prepare(program, ladder, raw, refused, read, previous, inFlight);
                        previous = chunk.Done.Task;
                        inFlight.Enqueue(chunk);
                        // Only the chunks the writers may still hold can clash with the next one unseen.
                        while (inFlight.Count > parallel)
                        {
                            inFlight.Dequeue();
                        }

                        await enqueue(chunk, token);
                        raw.Clear();
                        refused = [];
                    }

                    if (!more)
                    {
                        return;
                    }
                }
            },
            async (services, chunk, token) =>
            {
                try
                {
                    if (!chunk.First)
                    {
                        await statistics.Task.WaitAsync(token);
                    }

                    if (chunk.SharesKeysWithPrevious)
                    {
                        await chunk.Previous;
                    }

                    var writer = services.GetRequiredService<MemberImportWriter>();
                    var clashes = new List<RejectedRow>();
                    var done = await writer.WriteAsync(program.Id, chunk.Rows, clashes, token);
                    if (chunk.First)
                    {
                        await writer.AnalyzeAsync(token);
                        statistics.TrySetResult();
                    }

                    await chunk.Previous;
                    // In file order: the chunk before has reported; this one's refused rows, then its clashes.
                    chunk.Refused.ForEach(rejections.Add);
                    clashes.ForEach(rejections.Add);
                    (imported, present, points) = (imported + done.Imported, present + done.Present, points + done.Points);
                    progress?.Invoke(chunk.Read);
                    chunk.Done.SetResult();
                }
                catch (Exception e)
                {
                    statistics.TrySetException(e);
                    chunk.Done.TrySetException(e);
                    throw;
                }
            }, ct);

        progress?.Invoke(read);
        return new ImportReport(read, imported, present, rejections.Count, points, rejections.ByCode);
    }

    /// <summary>Checks and builds a chunk's rows on every core, draws their member numbers and notes whether it shares a key with a chunk still in flight.</summary>
    private Chunk Prepare(
        Domain.Programs.LoyaltyProgram program, ProgramLadder? ladder, List<(long Line, string?[] Fields)> raw, List<RejectedRow> refused,
        long read, Task previous, IReadOnlyCollection<Chunk> inFlight)
    {
        // No chunk before it in flight: the file's first.
        var chunk = new Chunk(read, previous, first: inFlight.Count == 0);
        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var parsed = new (Row? Row, RejectedRow? Failure)[raw.Count];
        Parallel.For(0, raw.Count, i => parsed[i] = Parse(program, ladder, raw[i].Line, raw[i].Fields, now));
        // Malformed lines and invalid rows, merged in file order.
        chunk.Refused.AddRange(refused.Concat(parsed.Select(p => p.Failure).OfType<RejectedRow>()).OrderBy(r => r.Line));
        chunk.Rows.AddRange(parsed.Select(p => p.Row).OfType<Row>());

        var numbersInFlight = inFlight.SelectMany(c => c.Rows.Select(r => r.Member.MemberNumber)).ToHashSet(StringComparer.Ordinal);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in chunk.Rows)
        {
            foreach (var key in Keys(row))
            {
                chunk.Keys.Add(key);
            }

            // Numbers unlike those of the chunks being written, so that two writers never race for one.
            string number;
            do
            {
                number = MemberNumber.New();
            }
            while (numbersInFlight.Contains(number) || !numbers.Add(number));

            row.Member.MemberNumber = number;
        }

        chunk.SharesKeysWithPrevious = inFlight.Any(c => c.Keys.Overlaps(chunk.Keys));
        return chunk;
    }

    private static IEnumerable<string> Keys(Row row) =>
        [
            "r:" + row.ExternalRef,
            .. row.Contacts.Email is { } e ? ["e:" + e] : Array.Empty<string>(),
            .. row.Contacts.Phone is { } p ? ["p:" + p] : Array.Empty<string>(),
            .. row.Contacts.Cards.Select(c => "c:" + c),
        ];

    private (Row? Row, RejectedRow? Failure) Parse(Domain.Programs.LoyaltyProgram program, ProgramLadder? ladder, long line, string?[] fields, DateTime now)
    {
        string? Field(string name) => fields[Array.IndexOf(Columns, name)];

        var check = new Validation();
        var externalRef = Field("externalRef");
        check.Require("externalRef", externalRef, 200);
        DateOnly? birthDate = null;
        if (Field("birthDate") is { } b)
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
        if (Field("points") is { } p && (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out points) || points > MaxOpeningPoints))
        {
            check.Add("points", $"must be a whole number from 0 to {MaxOpeningPoints}");
        }

        DateTime? expireAt = null;
        if (Field("pointsExpireAt") is { } e)
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

        var (tier, tierUntil) = Tier(check, program, ladder, Field("tier"), Field("tierUntil"), now);
        var consents = Consents(check, Field("consents"));
        var request = new EnrolMemberRequest(
            Email: Field("email"), Phone: Field("phone"), FirstName: Field("firstName"), LastName: Field("lastName"), BirthDate: birthDate,
            Language: Field("language"), Cards: Field("cards")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Consents: consents, Channel: "import");
        var contacts = enrolment.Check(check, request);
        if (!check.IsValid)
        {
            return (null, new RejectedRow(line, externalRef, "invalid", string.Join("; ", check.Messages)));
        }

        // Built (and its opening balance hashed) before the database is asked; a row the checks reject is dropped.
        var member = EnrolMember.NewMember(program.Id, "", request, contacts, "import", null, now);
        member.ExternalRef = externalRef;
        IReadOnlyList<LedgerEntry> entries = [];
        IReadOnlyList<PointsLot> lots = [];
        if (points > 0)
        {
            var posting = new LedgerPosting(program, member, now);
            posting.Credit(EntryKind.Adjust, [(points, expireAt ?? program.ExpiryFor(now))],
                new EntrySource("import", null, "import", "import", externalRef!, "Opening balance carried over from the previous system"));
            (entries, lots) = (posting.Entries, posting.NewLots);
        }

        TierChange? change = null;
        DomainEvent? changed = null;
        // Checked above: the ladder has the tier and the day lies ahead, so the manual tier is given.
        if (tier is not null && SetManualTier.Apply(member, ladder!, program, tier, tierUntil, TierReason, now).Value is { } move)
        {
            change = TierMoves.Change(member, ladder!, move, TierCauses.Import, null, TierReason, now);
            changed = DomainEvent.Of(member, EventTypes.TierChanged, events.Serialize(TierMoves.Payload(member, ladder!.Ladder, move, TierCauses.Import, null, TierReason)), now);
        }

        return (new Row(line, externalRef!, contacts, points, member, entries, lots, change, changed), null);
    }

    /// <summary>
    /// A tier carried over from the old system, as a manual tier until <c>tierUntil</c> (the last day it holds; by default
    /// <see cref="TierMonthsByDefault"/> months from the import): the member holds at least that tier until then, and is
    /// reviewed on what the member does here.
    /// </summary>
    private static (string? Tier, DateOnly? Until) Tier(Validation check, Domain.Programs.LoyaltyProgram program, ProgramLadder? ladder, string? tier, string? until,
        DateTime now)
    {
        if (tier is null)
        {
            if (until is not null)
            {
                check.Add("tierUntil", "goes with a tier");
            }

            return (null, null);
        }

        if (ladder is null)
        {
            check.Add("tier", "the program has no tiers: set up its ladder with PUT /v1/admin/tiers first");
            return (null, null);
        }

        if (ladder.Ladder.RankOf(tier) < 0)
        {
            check.Add("tier", $"'{(tier.Length > 32 ? tier[..32] + "…" : tier)}' is not on the program's ladder ({string.Join(", ", ladder.Ladder.Tiers.Select(t => t.Id))})");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Transactions.RuledEarning.TimeZoneOf(program)));
        var last = today.AddMonths(TierMonthsByDefault);
        if (until is not null && !DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last))
        {
            check.Add("tierUntil", "must be a date as yyyy-MM-dd");
        }
        else if (last <= today || last > today.AddYears(SetManualTier.MaxYearsAhead))
        {
            check.Add("tierUntil", $"must lie after today and at most {SetManualTier.MaxYearsAhead} years ahead");
        }

        return (tier, last);
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

    /// <summary>One writer of the import: checks a chunk against the database and writes what is new, on its own connection.</summary>
    public sealed class MemberImportWriter(TreuDbContext db, WriteTransaction tx, BulkWriter bulk)
    {
        internal async Task<(long Imported, long Present, long Points)> WriteAsync(string programId, List<Row> rows, List<RejectedRow> reject, CancellationToken ct)
        {
            // Another writer (a till enrolling the same e-mail) may win a race between the checks and the commit:
            // the database refuses the chunk, and the next attempt's checks name the clash.
            for (var attempt = 1; ; attempt++)
            {
                var rejectedHere = new List<RejectedRow>();
                try
                {
                    var result = await TryChunkAsync(programId, rows, rejectedHere, ct);
                    reject.AddRange(rejectedHere);
                    return result;
                }
                catch (Exception e) when (WriteTransaction.IsUniqueViolation(e) && attempt < 3)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        private async Task<(long Imported, long Present, long Points)> TryChunkAsync(string programId, List<Row> rows, List<RejectedRow> rejected, CancellationToken ct)
        {
            var found = await db.Dialect.FindTakenAsync(db, programId, new IdentifierSet(rows.Select(r => r.ExternalRef).ToList(),
                rows.Select(r => r.Contacts.Email).OfType<string>().ToList(), rows.Select(r => r.Contacts.Phone).OfType<string>().ToList(),
                rows.SelectMany(r => r.Contacts.Cards).ToList(), rows.Select(r => r.Member.MemberNumber).ToList()), ct);
            HashSet<string> Found(string kind) => found.Where(f => f.Kind == kind).Select(f => f.Value).ToHashSet(StringComparer.Ordinal);
            var (present, emailsTaken, phonesTaken, cardsTaken, numbersTaken) = (Found("r"), Found("e"), Found("p"), Found("c"), Found("n"));

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

            await RedrawTakenNumbersAsync(programId, accepted, numbersTaken, ct);
            var members = accepted.Select(r => r.Member).ToList();
            await tx.RunAloneAsync(async token =>
            {
                await bulk.InsertAsync(members, token);
                await bulk.InsertAsync(members.SelectMany(m => m.Cards).ToList(), token);
                await bulk.InsertAsync(members.SelectMany(m => m.Consents).ToList(), token);
                await bulk.InsertAsync(accepted.SelectMany(r => r.Entries).ToList(), token);
                await bulk.InsertAsync(accepted.SelectMany(r => r.Lots).ToList(), token);
                await bulk.InsertAsync(accepted.Select(r => r.TierChange).OfType<TierChange>().ToList(), token);
                await bulk.InsertAsync(accepted.Select(r => r.TierEvent).OfType<DomainEvent>().ToList(), token);
                return true;
            }, _ => true, ct);
            return (accepted.Count, alreadyPresent, accepted.Sum(r => r.Points));
        }

        /// <summary>
        /// Fresh statistics for the checks' tables, taken after the first chunk. Every index the checks use begins with
        /// the program; when the planner believes the program has next to no members (a table never analysed, or
        /// statistics from before the import), looking an e-mail up on the externalRef index costs it as little as on
        /// the e-mail index, and it may pick the wrong one: every look-up then reads all of the program's members, and
        /// the check of the second chunk runs past the command timeout, stopping the import. Once the statistics
        /// show the program's rows, every index but the right one is costed as the scan it would be.
        /// </summary>
        internal async Task AnalyzeAsync(CancellationToken ct)
        {
            await db.Dialect.AnalyzeMemberIdentifiersAsync(db, ct);
        }

        /// <summary>A drawn member number someone already has (rare: 10^9 numbers) is drawn again until a free one is found.</summary>
        private async Task RedrawTakenNumbersAsync(string programId, List<Row> rows, HashSet<string> taken, CancellationToken ct)
        {
            var inChunk = rows.Select(r => r.Member.MemberNumber).ToHashSet(StringComparer.Ordinal);
            for (var attempt = 0; taken.Count > 0; attempt++)
            {
                if (attempt == 10)
                {
                    throw new InvalidOperationException("No free member numbers after 10 tries.");
                }

                var redrawn = new List<string>();
                foreach (var row in rows.Where(r => taken.Contains(r.Member.MemberNumber)))
                {
                    string number;
                    do
                    {
                        number = MemberNumber.New();
                    }
                    while (!inChunk.Add(number));

                    row.Member.MemberNumber = number;
                    redrawn.Add(number);
                }

                taken = (await db.Dialect.FindTakenAsync(db, programId, new IdentifierSet([], [], [], [], redrawn), ct)).Select(f => f.Value).ToHashSet(StringComparer.Ordinal);
            }
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
    }
}
