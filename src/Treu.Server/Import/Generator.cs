using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Import;

/// <summary>
/// <c>treu generate</c>: a population for load tests, with identities anyone can derive (see <see cref="GeneratedMember"/>)
/// and a ledger history posted through <see cref="LedgerPosting"/>, so balances, lots and hash chains verify.
/// It leaves the jobs their work: it posts no expiry, and lots whose return window ended within the last
/// <see cref="ActivationBacklogDays"/> days stay pending, as if the jobs had been stopped for that long.
/// </summary>
public sealed class Generator(TreuDbContext db, IServiceScopeFactory scopes, ProgramSettings programs, TimeProvider clock)
{
    /// <summary>Members per transaction (one writer's COPY of members, cards, entries and lots).</summary>
    public const int ChunkSize = 10_000;

    public const int ActivationBacklogDays = 30;

    /// <summary>How far back the history of a generated member reaches: past the 24-month expiry, so some lots are due.</summary>
    public const int HistoryMonths = 30;

    public async Task<GeneratorReport> RunAsync(string programId, long members, long entries, int seed, int? writers, Action<long>? progress, CancellationToken ct)
    {
        if (members <= 0 || entries < 0)
        {
            throw new ImportFileException("--members must be at least 1 and --entries at least 0.");
        }

        var program = await programs.GetAsync(programId, ct);
        if (await db.Members.AnyAsync(m => m.ProgramId == programId && m.Id == GeneratedMember.Id(1), ct))
        {
            throw new ImportFileException("This program already has generated members: generate into a fresh database.");
        }

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var report = new GeneratorReport(0, 0, 0, 0, 0);
        var gate = new Lock();
        // Chunks are computed (hashes on every core) while the writers, each on a connection of its own, COPY the ones before.
        await ParallelWriters.RunAsync<(List<Member> Members, List<LedgerEntry> Entries, List<PointsLot> Lots)>(scopes, writers ?? ParallelWriters.Default(db),
            async (enqueue, token) =>
            {
                for (long first = 1; first <= members; first += ChunkSize)
                {
                    var from = first;
                    await enqueue(await Task.Run(() => Chunk(program, from, members, entries, seed, now), token), token);
                }
            },
            async (services, chunk, token) =>
            {
                var bulk = services.GetRequiredService<BulkWriter>();
                await services.GetRequiredService<WriteTransaction>().RunAloneAsync(async t =>
                {
                    await bulk.InsertAsync(chunk.Members, t);
                    await bulk.InsertAsync(chunk.Members.SelectMany(m => m.Cards).ToList(), t);
                    await bulk.InsertAsync(chunk.Entries, t);
                    await bulk.InsertAsync(chunk.Lots, t);
                    return true;
                }, _ => true, token);
                lock (gate)
                {
                    report = new GeneratorReport(report.Members + chunk.Members.Count, report.Entries + chunk.Entries.Count, report.Lots + chunk.Lots.Count,
                        report.PendingLots + chunk.Lots.Count(l => l.State == LotState.Pending),
                        report.LotsDueForExpiry + chunk.Lots.Count(l => l.State == LotState.Available && l.Remaining > 0 && l.ExpiresAt <= now));
                    progress?.Invoke(report.Members);
                }
            }, ct);

        return report;
    }

    /// <summary>Members <paramref name="first"/> onwards (one chunk) with their histories, built in parallel: each member's history is its own.</summary>
    private static (List<Member> Members, List<LedgerEntry> Entries, List<PointsLot> Lots) Chunk(
        LoyaltyProgram program, long first, long members, long entries, int seed, DateTime now)
    {
        var count = (int)Math.Min(ChunkSize, members - first + 1);
        var built = new (Member Member, List<LedgerEntry> Entries, List<PointsLot> Lots)[count];
        Parallel.For(0, count, k =>
        {
            var i = first + k;
            // Entries spread evenly; the first members take the remainder.
            var entryCount = entries / members + (i <= entries % members ? 1 : 0);
            var member = NewMember(program.Id, i, now);
            var memberEntries = new List<LedgerEntry>((int)entryCount);
            var memberLots = new List<PointsLot>();
            History(program, member, (int)entryCount, new Random(unchecked((seed * 1_000_003) ^ (int)i)), now, memberEntries, memberLots);
            built[k] = (member, memberEntries, memberLots);
        });
        return (built.Select(b => b.Member).ToList(), built.SelectMany(b => b.Entries).ToList(), built.SelectMany(b => b.Lots).ToList());
    }

    private static Member NewMember(string programId, long i, DateTime now)
    {
        var created = now.AddMonths(-HistoryMonths).AddDays(-1);
        var member = new Member
        {
            Id = GeneratedMember.Id(i),
            ProgramId = programId,
            MemberNumber = GeneratedMember.Number(i),
            Email = GeneratedMember.Email(i),
            Phone = GeneratedMember.Phone(i),
            FirstName = "Gen",
            LastName = $"Member {i}",
            Language = i % 5 == 0 ? "en" : "de",
            EnrolledChannel = "import",
            ExternalRef = GeneratedMember.ExternalRef(i),
            CreatedAt = created,
            UpdatedAt = created,
        };
        member.Cards.Add(new MemberCard { ProgramId = programId, Number = GeneratedMember.Card(i), MemberId = member.Id, AddedAt = created });
        return member;
    }

    /// <summary>
    /// A member's history, oldest first: purchases that earn (pending through the return window), activations once
    /// the window has passed, now and then a redemption.
    /// </summary>
    private static void History(LoyaltyProgram program, Member member, int count, Random random, DateTime now, List<LedgerEntry> entries, List<PointsLot> lots)
    {
        var start = now.AddMonths(-HistoryMonths);
        var step = (now - start).Ticks / Math.Max(count, 1);
        var activateBefore = now.AddDays(-ActivationBacklogDays);
        var memberLots = new List<PointsLot>();
        for (var j = 0; j < count; j++)
        {
            var at = Clock.ToStoredPrecision(new DateTime(start.Ticks + j * step + random.NextInt64(step / 2), DateTimeKind.Utc));
            var posting = new LedgerPosting(program, member, at);
            var cause = $"{member.ExternalRef}-{j}";
            var due = memberLots.FirstOrDefault(l => l.State == LotState.Pending && l.AvailableAt <= at && l.AvailableAt <= activateBefore);
            if (due is not null)
            {
                posting.Activate(due, new EntrySource("system", null, "job:activation", "lot", due.Id, "Return window ended: points are available"));
            }
            else if (member.Available >= 200 && random.Next(5) == 0)
            {
                posting.Spend(EntryKind.Redeem, random.NextInt64(100, member.Available / 2 + 1), memberLots,
                    new EntrySource("store", "gen-store", "generator", "purchase", cause, "Points redeemed at checkout"));
            }
            else
            {
                posting.Earn(random.NextInt64(10, 500), new EntrySource("store", "gen-store", "generator", "purchase", cause, "Purchase"));
            }

            entries.AddRange(posting.Entries);
            memberLots.AddRange(posting.NewLots);
        }

        lots.AddRange(memberLots);
    }
}
