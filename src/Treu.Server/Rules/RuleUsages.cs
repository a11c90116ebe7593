using Microsoft.EntityFrameworkCore;
using Treu.Domain.Rules;
using Treu.Server.Storage;

namespace Treu.Server.Rules;

/// <summary>
/// What the capped rules have already given, read before an evaluation and written after it, inside the
/// purchase's transaction: per-member caps are safe under the member's lock, and a budget's row is locked
/// (in rule order, after the member) so two tills cannot both spend its last points.
/// </summary>
public sealed class RuleUsages(TreuDbContext db)
{
    private readonly Dictionary<string, RuleUsage> _usage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleBudget> _budgets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleAward> _todays = new(StringComparer.Ordinal);
    private DateOnly _today;

    public async Task LoadAsync(string programId, RuleBook book, string memberId, DateOnly today, CancellationToken ct)
    {
        _today = today;
        // A retried write loads again: nothing from the attempt that was rolled back may survive.
        _usage.Clear();
        _budgets.Clear();
        _todays.Clear();
        // Only caps that count across transactions need the member's history; a per-transaction cap does not.
        var ids = book.Where(r => r.Definition.Caps is { } c && (c.PerMemberPerDay ?? c.PerMemberPerWeek ?? c.PerMemberPerMonth ?? c.Budget
            ?? c.TimesPerMember ?? c.TimesPerMemberPerDay) is not null).Select(r => r.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        // One round trip: the recent days for the period caps, or the whole history when a rule counts times ever.
        var since = RuleUsage.Since(today);
        var ever = book.Where(r => r.Definition.Caps?.TimesPerMember is not null).Any();
        var capped = ids.ToHashSet(StringComparer.Ordinal);
        var all = (db.Batch is { } batch ? await batch.AwardsAsync(db, programId, memberId, ever, since, ct) : null)
            ?? await AwardsOf.For(db)(db, programId, memberId, ever, since).ToListAsync(ct);
        var awards = all.Where(a => capped.Contains(a.RuleId)).ToList();

        var recent = awards.Where(a => a.Day >= since).ToList();
        var timesEver = awards.GroupBy(a => a.RuleId).ToDictionary(g => g.Key, g => g.Sum(a => a.Times));
        foreach (var award in recent.Where(a => a.Day == today))
        {
            // The member is locked, so today's count cannot change under us: recording updates this row without reading it again.
            _todays[award.RuleId] = award;
        }

        var budgeted = book.Where(r => r.Definition.Caps?.Budget is not null).Select(r => r.Id).Order(StringComparer.Ordinal);
        foreach (var id in budgeted)
        {
            var budget = db.IsPostgres
                ? await db.RuleBudgets.FromSqlInterpolated($"SELECT * FROM rule_budgets WHERE program_id = {programId} AND rule_id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
                : await db.RuleBudgets.SingleOrDefaultAsync(b => b.ProgramId == programId && b.RuleId == id, ct);
            if (budget is null)
            {
                budget = new RuleBudget { ProgramId = programId, RuleId = id };
                db.RuleBudgets.Add(budget);
            }

            _budgets[id] = budget;
        }

        foreach (var id in ids)
        {
            _usage[id] = RuleUsage.Of(recent.Where(a => a.RuleId == id).Select(a => (a.Day, a.Points, a.Times)), today, timesEver.GetValueOrDefault(id),
                _budgets.TryGetValue(id, out var b) ? b.Points : 0);
        }
    }

    // Runs inside the write lane for every purchase when capped rules are in force. The member's awards are few and found
    // through the (member, day) index either way; the capped rules are picked out here, not with a list parameter
    // (json_each on SQLite), which costs more inside the lane than the few rows it would leave out.
    private static readonly CompiledQuery<Func<TreuDbContext, string, string, bool, DateOnly, IAsyncEnumerable<RuleAward>>> AwardsOf = new(() =>
        EF.CompileAsyncQuery((TreuDbContext db, string programId, string memberId, bool ever, DateOnly since) => db.RuleAwards.AsNoTracking()
            .Where(a => a.ProgramId == programId && a.MemberId == memberId && (ever || a.Day >= since))));

    public RuleUsage For(string ruleId) => _usage.GetValueOrDefault(ruleId, RuleUsage.None);

    /// <summary>Counts what the capped rules gave, in the same transaction as the points themselves.</summary>
    public Task RecordAsync(string programId, string memberId, RuleEvaluation evaluation, CancellationToken ct)
    {
        foreach (var outcome in evaluation.Applied.Where(o => _usage.ContainsKey(o.RuleId)))
        {
            if (_todays.TryGetValue(outcome.RuleId, out var award))
            {
                db.RuleAwards.Attach(award);
            }
            else
            {
                db.RuleAwards.Add(award = new RuleAward { ProgramId = programId, RuleId = outcome.RuleId, MemberId = memberId, Day = _today });
                _todays[outcome.RuleId] = award;
            }

            award.Points += outcome.Points;
            award.Times++;
            if (_budgets.TryGetValue(outcome.RuleId, out var budget))
            {
                budget.Points += outcome.Points;
            }
        }

        return Task.CompletedTask;
    }
}
