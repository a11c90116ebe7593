using System.Collections.Frozen;

namespace Treu.Domain.Rules;

internal sealed class CompiledRule
{
    public CompiledRule(ActiveRule rule, int productConditions)
    {
        Rule = rule;
        var d = rule.Definition;
        ProductConditions = productConditions;
        AsksFirstPurchase = d.Conditions.Any(c => c is FirstPurchaseCondition);
        Multiplier = d.Effects.OfType<MultiplierEffect>().FirstOrDefault()?.Factor;
        Channels = Set(d.Conditions.OfType<ChannelCondition>().Select(c => c.In), StringComparer.Ordinal);
        Stores = Set(d.Conditions.OfType<StoreCondition>().Select(c => c.In), StringComparer.Ordinal);
        Tiers = Set(d.Conditions.OfType<TierCondition>().Select(c => c.In), StringComparer.OrdinalIgnoreCase);
        EarlyTiers = rule.Early?.Tiers.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        Segments = d.Conditions.OfType<SegmentCondition>().Select(c => c.Any.ToFrozenSet(StringComparer.OrdinalIgnoreCase)).ToArray();
        Payments = d.Conditions.OfType<PaymentCondition>().Select(c => c.Methods.ToFrozenSet(StringComparer.OrdinalIgnoreCase)).ToArray();
        Weekdays = d.Conditions.OfType<TimeCondition>().Where(t => t.Weekdays is not null)
            .Aggregate(0x7F, (mask, t) => mask & t.Weekdays!.Aggregate(0, (m, day) => m | (1 << Array.IndexOf(RuleValidation.Weekdays, day))));
    }

    public ActiveRule Rule { get; }
    public int ProductConditions { get; }
    public bool AsksFirstPurchase { get; }
    public decimal? Multiplier { get; }

    // A purchase has one channel, store and tier: several conditions on one of them are one set, their intersection.
    public FrozenSet<string>? Channels { get; }
    public FrozenSet<string>? Stores { get; }
    public FrozenSet<string>? Tiers { get; }

    /// <summary>The tiers for which the rule starts at <see cref="ActiveRule.Early"/>'s time instead of its own.</summary>
    public FrozenSet<string>? EarlyTiers { get; }

    // A member has many segments and a basket several payments: each condition needs one of its own values.
    public FrozenSet<string>[] Segments { get; }
    public FrozenSet<string>[] Payments { get; }

    /// <summary>Bit 0 is Monday.</summary>
    public int Weekdays { get; }

    private static FrozenSet<string>? Set(IEnumerable<IReadOnlyList<string>> lists, StringComparer comparer)
    {
        HashSet<string>? set = null;
        foreach (var list in lists)
        {
            if (set is null)
            {
                set = new HashSet<string>(list, comparer);
            }
            else
            {
                set.IntersectWith(list);
            }
        }

        return set?.ToFrozenSet(comparer);
    }
}
