namespace Treu.Domain.Rules;

/// <summary>What one rule gives: points, cashback, and where on the basket its points belong.</summary>
internal sealed class RuleResult(int rule)
{
    /// <summary>The rule's index in the book.</summary>
    public int Rule { get; } = rule;
    public long Points { get; set; }
    public long EventPoints { get; set; }
    public decimal Cashback { get; set; }

    /// <summary>Points spread over the basket by eligible amount, at the end.</summary>
    public double BasketShare { get; set; }

    /// <summary>Points that belong to particular lines.</summary>
    public double[]? LineShares { get; set; }
    public string? Reason { get; set; }
    public bool Capped { get; set; }

    /// <summary>The lines its product conditions matched; null without product conditions.</summary>
    public bool[]? Matched { get; set; }

    /// <summary>Applies the rule's caps; the tightest one wins and is named in the outcome.</summary>
    public void Cap(RuleCaps? caps, RuleUsage used)
    {
        if (caps is null || (Points == 0 && Cashback == 0))
        {
            return;
        }

        string? exhausted = caps.TimesPerMember is { } times && used.TimesForMember >= times ? $"limit reached: {times} time(s) per member"
            : caps.TimesPerMemberPerDay is { } perDay && used.TimesForMemberToday >= perDay ? $"limit reached: {perDay} time(s) per member per day"
            : null;
        var limit = Points;
        string? reason = exhausted;
        if (exhausted is not null)
        {
            limit = 0;
        }
        else
        {
            void Limit(long? cap, long usedSoFar, string what)
            {
                if (cap is { } value && Math.Max(value - usedSoFar, 0) < limit)
                {
                    limit = Math.Max(value - usedSoFar, 0);
                    reason = limit == 0 ? $"{what} of {value} reached" : $"capped at {limit} by the {what} of {value}";
                }
            }

            Limit(caps.PerTransaction, 0, "cap per transaction");
            Limit(caps.PerMemberPerDay, used.MemberToday, "daily cap per member");
            Limit(caps.PerMemberPerWeek, used.MemberThisWeek, "weekly cap per member");
            Limit(caps.PerMemberPerMonth, used.MemberThisMonth, "monthly cap per member");
            Limit(caps.Budget, used.BudgetUsed, "campaign budget");
        }

        if (limit >= Points && exhausted is null)
        {
            return;
        }

        var scale = Points == 0 ? 0 : (double)limit / Points;
        BasketShare *= scale;
        if (LineShares is not null)
        {
            for (var i = 0; i < LineShares.Length; i++)
            {
                LineShares[i] *= scale;
            }
        }

        EventPoints = Math.Min(EventPoints, limit);
        Points = limit;
        Reason = reason;
        Capped = true;
        if (limit == 0)
        {
            Cashback = 0;
        }
    }
}
