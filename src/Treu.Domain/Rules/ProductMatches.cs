using System.Buffers;
using System.Collections.Frozen;

namespace Treu.Domain.Rules;

/// <summary>Which lines each rule's product conditions match, as masks rented from the pool: give them back with <see cref="Return"/>.</summary>
internal static class ProductMatches
{
    /// <summary>
    /// Marks, per rule with product conditions, the lines that match all of them. Each line looks its sku, category
    /// and brand up in the book's index, so the work grows with the basket, not with the number of rules.
    /// </summary>
    public static bool[]?[] Of(RuleBook book, IReadOnlyList<EarnLine> lines)
    {
        var masks = new bool[]?[book.Rules.Length];
        if (book.ProductConditions == 0)
        {
            return masks;
        }

        var stamp = ArrayPool<int>.Shared.Rent(book.ProductConditions);
        var hits = ArrayPool<int>.Shared.Rent(book.Rules.Length);
        var touched = new List<int>();
        Array.Fill(stamp, -1, 0, book.ProductConditions);
        Array.Clear(hits, 0, book.Rules.Length);
        try
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.EligibleAmount <= 0)
                {
                    continue;
                }

                touched.Clear();
                Hit(book.BySku, line.Sku);
                Hit(book.ByCategory, line.Category);
                Hit(book.ByBrand, line.Brand);
                foreach (var r in touched)
                {
                    if (hits[r] == book.Rules[r].ProductConditions)
                    {
                        if (masks[r] is null)
                        {
                            masks[r] = ArrayPool<bool>.Shared.Rent(lines.Count);
                            Array.Clear(masks[r]!, 0, lines.Count);
                        }

                        masks[r]![i] = true;
                    }

                    hits[r] = 0;
                }

                void Hit(FrozenDictionary<string, ConditionRef[]> index, string? key)
                {
                    if (key is null || !index.TryGetValue(key, out var refs))
                    {
                        return;
                    }

                    foreach (var c in refs)
                    {
                        if (stamp[c.Condition] == i)
                        {
                            continue; // the sku and the category of one line both named this condition: count it once
                        }

                        stamp[c.Condition] = i;
                        if (hits[c.Rule]++ == 0)
                        {
                            touched.Add(c.Rule);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(stamp);
            ArrayPool<int>.Shared.Return(hits);
        }

        return masks;
    }

    public static void Return(bool[]?[] masks)
    {
        foreach (var mask in masks)
        {
            if (mask is not null)
            {
                ArrayPool<bool>.Shared.Return(mask);
            }
        }
    }
}
