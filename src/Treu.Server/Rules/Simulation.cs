using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Domain.Rules;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Rules;

/// <summary>
/// What if: replays the last days' real transactions and member events twice — with the rules in force, and with
/// the simulated rules added (or replacing their saved versions) — and reports the difference: members reached,
/// points and money it would have cost. The simulated rules' own dates (and their campaign's) are lifted: the
/// question is what they would have done over those days. Caps and budgets count from the start of the period. Read-only.
/// </summary>
public sealed class Simulation(TreuDbContext db, RuleBooks books, ProgramSettings programs, TimeProvider clock, Tiers.TierLadders ladders)
{
    public const int DefaultDays = 30;
    public const int MaxTransactions = 200_000;
    private const int Page = 1000;

    /// <param name="draft">True for a draft rule sent in the body; false for saved rules, which the body must not redefine.</param>
    public static Validation Check(SimulationRequest? body, bool draft)
    {
        var check = new Validation();
        check.Range("days", body?.Days, 1, 365);
        if (draft)
        {
            RuleAdmin.Check(check, new RuleRequest(body?.Definition), "", withId: false);
        }
        else if (body?.Definition is not null)
        {
            check.Add("definition", "is only for a draft rule (POST /v1/admin/rules/simulate); this simulates the saved rules");
        }

        return check;
    }

    public async Task<SimulationView> RunAsync(string programId, IReadOnlyList<SimulatedRule> simulated, int? days, CancellationToken ct)
    {
        var program = await programs.GetAsync(programId, ct);
        var zone = RuledEarning.TimeZoneOf(program);
        var baseTier = (await ladders.GetAsync(programId, ct))?.Ladder.Base.Id;
        var to = clock.GetUtcNow().UtcDateTime;
        var from = to.AddDays(-(days ?? DefaultDays));
        var ids = simulated.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var inForce = (await books.InForceAsync(program, ct)).Where(r => !ids.Contains(r.Id)).ToList();
        var baseline = RuleBook.Compile(inForce);
        var candidate = RuleBook.Compile(inForce.Concat(simulated.Select(s => new ActiveRule(s.Id, s.Version, s.Definition with { ValidFrom = null, ValidTo = null }))));
        var before = new AwardTally();
        var after = new AwardTally();
        var stats = simulated.ToDictionary(s => s.Id, s => new RuleStats(s.Definition.Name), StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var byDay = new SortedDictionary<DateOnly, (int Transactions, long Points)>();
        long extra = 0;
        decimal cashback = 0;
        var affected = 0;

        void Compare(EarnRequest request, string memberId)
        {
            var without = before.Evaluate(baseline, request, memberId, request.LocalDay);
            var with = after.Evaluate(candidate, request, memberId, request.LocalDay);
            var mine = with.Applied.Where(o => ids.Contains(o.RuleId)).ToList();
            extra += with.Points - without.Points;
            cashback += mine.Sum(o => o.Cashback);
            if (with.Points != without.Points || mine.Count > 0)
            {
                affected++;
                var day = byDay.GetValueOrDefault(request.LocalDay);
                byDay[request.LocalDay] = (day.Transactions + 1, day.Points + with.Points - without.Points);
            }

            if (mine.Count > 0)
            {
                reached.Add(memberId);
            }

            foreach (var outcome in mine)
            {
                stats[outcome.RuleId].Add(memberId, outcome);
            }

            foreach (var stopped in with.Outcomes.Where(o => o.Capped && ids.Contains(o.RuleId)))
            {
                stats[stopped.RuleId].StoppedBecause ??= stopped.Reason;
            }
        }

        var scanned = 0;
        var truncated = false;
        var members = new Dictionary<string, (Member Member, DateTime FirstPurchase)>(StringComparer.Ordinal);
        if (simulated.Any(s => s.Definition.Trigger == RuleTrigger.Purchase))
        {
            DateTime? afterAt = null;
            string afterId = "";
            while (true)
            {
                var query = db.Purchases.AsNoTracking().Include(p => p.Lines).Where(p => p.ProgramId == programId && p.OccurredAt >= from && p.OccurredAt < to);
                if (afterAt is { } at)
                {
                    query = query.Where(p => p.OccurredAt > at || (p.OccurredAt == at && string.Compare(p.Id, afterId) > 0));
                }

                var page = await query.OrderBy(p => p.OccurredAt).ThenBy(p => p.Id).Take(Page).AsSplitQuery().ToListAsync(ct);
                if (page.Count == 0)
                {
                    break;
                }

                await LoadMembersAsync(members, page.Select(p => p.MemberId), ct);
                foreach (var p in page)
                {
                    var (member, first) = members[p.MemberId];
                    if (member.Status == MemberStatus.Blocked)
                    {
                        continue; // a blocked member earns nothing, so no rule would have reached them
                    }

                    var facts = RuledEarning.Facts(member, p.OccurredAt == first, baseTier);
                    var lines = p.Lines.OrderBy(l => l.LineNo).Select(l => new EarnLine(l.LineNo, l.Sku, l.Category, l.Brand, l.Quantity, l.EligibleAmount)).ToList();
                    Compare(new EarnRequest(RuleTrigger.Purchase, p.Channel, p.StoreId == "" ? null : p.StoreId, p.OccurredAt, facts, lines,
                        p.PaymentMethods?.Split(','), TimeZone: zone), p.MemberId);
                }

                scanned += page.Count;
                (afterAt, afterId) = (page[^1].OccurredAt, page[^1].Id);
                if (scanned >= MaxTransactions)
                {
                    truncated = true;
                    break;
                }
            }
        }

        var events = 0;
        if (simulated.Any(s => s.Definition.Trigger == RuleTrigger.Event))
        {
            var types = simulated.Select(s => s.Definition.EventType).Where(t => t is not null).ToList();
            var happened = await db.MemberEvents.AsNoTracking().Where(e => e.ProgramId == programId && e.OccurredAt >= from && e.OccurredAt < to && types.Contains(e.Type))
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(MaxTransactions).ToListAsync(ct);
            truncated |= happened.Count == MaxTransactions;
            await LoadMembersAsync(members, happened.Select(e => e.MemberId), ct);
            foreach (var e in happened.Where(e => members[e.MemberId].Member.Status != MemberStatus.Blocked))
            {
                Compare(new EarnRequest(RuleTrigger.Event, e.Channel, null, e.OccurredAt, RuledEarning.Facts(members[e.MemberId].Member, false, baseTier), [], EventType: e.Type,
                    TimeZone: zone), e.MemberId);
            }

            events = happened.Count;
        }

        return new SimulationView(from, to, scanned, events, affected, reached.Count, extra, extra * program.PointValue, cashback, program.Currency,
            simulated.Select(s => stats[s.Id].View(s.Id)).ToList(), truncated, byDay.Select(d => new SimulatedDay(d.Key, d.Value.Transactions, d.Value.Points)).ToList());
    }

    private async Task LoadMembersAsync(Dictionary<string, (Member, DateTime)> members, IEnumerable<string> ids, CancellationToken ct)
    {
        var missing = ids.Where(id => !members.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            var loaded = await db.Members.AsNoTracking().Where(m => chunk.Contains(m.Id)).ToListAsync(ct);
            var firsts = await db.Purchases.AsNoTracking().Where(p => chunk.Contains(p.MemberId)).GroupBy(p => p.MemberId)
                .Select(g => new { g.Key, First = g.Min(p => p.OccurredAt) }).ToDictionaryAsync(g => g.Key, g => g.First, ct);
            foreach (var m in loaded)
            {
                members[m.Id] = (m, firsts.GetValueOrDefault(m.Id, DateTime.MaxValue));
            }
        }
    }

    private sealed class RuleStats(string name)
    {
        private readonly HashSet<string> _members = new(StringComparer.Ordinal);
        private int _transactions;
        private long _points;
        private decimal _cashback;

        public string? StoppedBecause { get; set; }

        public void Add(string memberId, RuleOutcome outcome)
        {
            _members.Add(memberId);
            _transactions++;
            _points += outcome.Points;
            _cashback += outcome.Cashback;
        }

        public SimulatedRuleView View(string id) => new(id, name, _transactions, _members.Count, _points, _cashback, StoppedBecause);
    }
}
