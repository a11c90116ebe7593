using System.Collections.Frozen;

namespace Treu.Domain.Rules;

/// <summary>
/// The rules in force, compiled once when they change rather than on every purchase: ordered by priority then id
/// (so evaluation never depends on storage order), with their lists turned into sets, and an index from sku,
/// category and brand to the product conditions that name them, so matching a basket costs per line, not per rule.
/// </summary>
public sealed class RuleBook
{
    private RuleBook(CompiledRule[] rules, int productConditions, FrozenDictionary<string, ConditionRef[]> bySku,
        FrozenDictionary<string, ConditionRef[]> byCategory, FrozenDictionary<string, ConditionRef[]> byBrand)
    {
        Rules = rules;
        ProductConditions = productConditions;
        BySku = bySku;
        ByCategory = byCategory;
        ByBrand = byBrand;
    }

    public static readonly RuleBook Empty = Compile([]);

    internal CompiledRule[] Rules { get; }
    internal int ProductConditions { get; }
    internal FrozenDictionary<string, ConditionRef[]> BySku { get; }
    internal FrozenDictionary<string, ConditionRef[]> ByCategory { get; }
    internal FrozenDictionary<string, ConditionRef[]> ByBrand { get; }

    public int Count => Rules.Length;

    /// <summary>Whether some rule asks if this is the member's first purchase: only then need a caller find out.</summary>
    public bool AsksFirstPurchase => _asksFirstPurchase ??= Rules.Any(r => r.AsksFirstPurchase);

    private bool? _asksFirstPurchase;

    /// <summary>The rules in force that satisfy <paramref name="predicate"/>, in evaluation order.</summary>
    public IEnumerable<ActiveRule> Where(Func<ActiveRule, bool> predicate) => Rules.Select(r => r.Rule).Where(predicate);

    public static RuleBook Compile(IEnumerable<ActiveRule> rules)
    {
        var ordered = rules.OrderByDescending(r => r.Definition.Priority).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
        if (ordered.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Rule '{twice.Key}' is in force twice: a rule book holds one version of each rule.", nameof(rules));
        }

        var compiled = new CompiledRule[ordered.Length];
        var skus = new Dictionary<string, List<ConditionRef>>(StringComparer.Ordinal);
        var categories = new Dictionary<string, List<ConditionRef>>(StringComparer.OrdinalIgnoreCase);
        var brands = new Dictionary<string, List<ConditionRef>>(StringComparer.OrdinalIgnoreCase);
        var condition = 0;
        for (var r = 0; r < ordered.Length; r++)
        {
            var products = ordered[r].Definition.Conditions.OfType<ProductCondition>().ToArray();
            compiled[r] = new CompiledRule(ordered[r], products.Length);
            foreach (var product in products)
            {
                var reference = new ConditionRef(r, condition++);
                Index(skus, product.Skus, reference);
                Index(categories, product.Categories, reference);
                Index(brands, product.Brands, reference);
            }
        }

        return new RuleBook(compiled, condition, Freeze(skus, StringComparer.Ordinal), Freeze(categories, StringComparer.OrdinalIgnoreCase),
            Freeze(brands, StringComparer.OrdinalIgnoreCase));
    }

    private static void Index(Dictionary<string, List<ConditionRef>> index, IReadOnlyList<string>? keys, ConditionRef reference)
    {
        foreach (var key in (keys ?? []).Distinct(index.Comparer))
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(reference);
        }
    }

    private static FrozenDictionary<string, ConditionRef[]> Freeze(Dictionary<string, List<ConditionRef>> index, StringComparer comparer) =>
        index.ToFrozenDictionary(e => e.Key, e => e.Value.ToArray(), comparer);
}
