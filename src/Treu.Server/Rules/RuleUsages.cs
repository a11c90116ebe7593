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
    private DateOnly _today;

    public async Task LoadAsync(string programId, RuleBook book, string memberId, DateOnly today, CancellationToken ct)
    {
        _today = today;
        var ids = book.Where(r => r.Definition.Caps is not null).Select(r => r.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var since = RuleUsage.Since(today);
        var recent = await db.RuleAwards.AsNoTracking()
            .Where(a => a.ProgramId == programId && a.MemberId == memberId && ids.Contains(a.RuleId) && a.Day >= since).ToListAsync(ct);
        var timesEver = await db.RuleAwards.AsNoTracking().Where(a => a.ProgramId == programId && a.MemberId == memberId && ids.Contains(a.RuleId))
            .GroupBy(a => a.RuleId).Select(g => new { g.Key, Times = g.Sum(a => a.Times) }).ToDictionaryAsync(g => g.Key, g => g.Times, ct);

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

    public RuleUsage For(string ruleId) => _usage.GetValueOrDefault(ruleId, RuleUsage.None);

    /// <summary>Counts what the capped rules gave, in the same transaction as the points themselves.</summary>
    public async Task RecordAsync(string programId, string memberId, RuleEvaluation evaluation, CancellationToken ct)
    {
        foreach (var outcome in evaluation.Applied.Where(o => _usage.ContainsKey(o.RuleId)))
        {
            var award = await db.RuleAwards.SingleOrDefaultAsync(a => a.ProgramId == programId && a.RuleId == outcome.RuleId && a.MemberId == memberId && a.Day == _today, ct);
            if (award is null)
            {
                db.RuleAwards.Add(award = new RuleAward { ProgramId = programId, RuleId = outcome.RuleId, MemberId = memberId, Day = _today });
            }

            award.Points += outcome.Points;
            award.Times++;
            if (_budgets.TryGetValue(outcome.RuleId, out var budget))
            {
                budget.Points += outcome.Points;
            }
        }
    }
}
