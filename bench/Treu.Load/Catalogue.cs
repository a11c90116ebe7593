using System.Globalization;
using System.Text;

namespace Treu.Load;

/// <summary>A basket serialised once, before the run: the JSON of its lines, its total and one line a shopper could bring back.</summary>
public sealed record Basket(byte[] LinesJson, decimal Total, string ReturnSku, string ReturnQuantity);

/// <summary>
/// What a supermarket with a small non-food corner sells: articles with realistic prices, weighed goods, some organic
/// lines (the demo rule set doubles their points) and gift cards (which earn nothing).
/// </summary>
public static class Catalogue
{
    private sealed record Department(string Category, int Articles, decimal MinPrice, decimal MaxPrice, double Weight, bool ByWeight = false);

    private static readonly Department[] Departments =
    [
        new("grocery", 400, 0.39m, 9.99m, 30),
        new("organic", 150, 0.79m, 12.99m, 12),
        new("produce", 120, 0.99m, 5.99m, 12, ByWeight: true),
        new("dairy", 120, 0.49m, 6.99m, 12),
        new("bakery", 60, 0.35m, 4.99m, 8),
        new("drinks", 150, 0.59m, 19.99m, 10),
        new("household", 150, 0.99m, 14.99m, 6),
        new("apparel", 80, 7.99m, 79.99m, 3),
        new("electronics", 40, 9.99m, 249.00m, 1.5),
        new("gift_card", 4, 10m, 50m, 0.5),
    ];

    private static readonly string[] Brands = ["Alnatura", "Hofgut", "Nordland", "Sonnenhof", "Bergquell", "Feldfrisch", "Lindner", "Kaiser"];

    private sealed record Article(string Sku, string Name, string Category, string? Brand, decimal Price, bool ByWeight);

    /// <summary>Baskets of 1 to 30 lines, most of them small, each article at most once (a return names its line by sku).</summary>
    public static Basket[] Baskets(int count, Random random)
    {
        var articles = Articles(random);
        var totalWeight = Departments.Sum(d => d.Weight);
        var baskets = new Basket[count];
        for (var b = 0; b < count; b++)
        {
            var size = LineCount(random);
            var chosen = new HashSet<Article>();
            while (chosen.Count < size)
            {
                var department = Pick(random, totalWeight);
                chosen.Add(articles[department.Category][random.Next(department.Articles)]);
            }

            baskets[b] = Serialise([.. chosen], random);
        }

        return baskets;
    }

    private static int LineCount(Random random)
    {
        // A till's day: many one-to-five item baskets, a long tail of weekly shops up to 30 lines (mean about 8).
        var size = (int)Math.Ceiling(-Math.Log(1 - random.NextDouble()) * 7.5);
        return Math.Clamp(size, 1, 30);
    }

    private static Department Pick(Random random, double totalWeight)
    {
        var x = random.NextDouble() * totalWeight;
        foreach (var d in Departments)
        {
            if ((x -= d.Weight) < 0)
            {
                return d;
            }
        }

        return Departments[0];
    }

    private static Dictionary<string, Article[]> Articles(Random random)
    {
        var result = new Dictionary<string, Article[]>();
        var sku = 4_006_381_000_000L;
        foreach (var d in Departments)
        {
            result[d.Category] = Enumerable.Range(1, d.Articles).Select(i =>
            {
                var price = d.Category == "gift_card"
                    ? new[] { 10m, 15m, 25m, 50m }[i - 1]
                    : Math.Round(d.MinPrice + (decimal)random.NextDouble() * (d.MaxPrice - d.MinPrice), 1) - 0.01m;
                var brand = d.Category is "organic" or "dairy" or "grocery" && random.Next(3) == 0 ? Brands[random.Next(Brands.Length)] : null;
                return new Article((sku++).ToString(CultureInfo.InvariantCulture), $"{Cap(d.Category)} article {i}", d.Category, brand, Math.Max(price, 0.19m), d.ByWeight);
            }).ToArray();
        }

        return result;
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..].Replace('_', ' ');

    private static Basket Serialise(Article[] lines, Random random)
    {
        var json = new StringBuilder("[");
        var total = 0m;
        string? returnSku = null, returnQuantity = null;
        foreach (var a in lines)
        {
            var quantity = a.ByWeight ? Math.Round(0.2m + (decimal)random.NextDouble() * 1.8m, 3)
                : a.Category == "gift_card" ? 1 : random.Next(10) < 7 ? 1 : random.Next(2, 7);
            var discount = a.Category != "gift_card" && random.Next(10) == 0 ? Math.Round(a.Price * quantity * 0.2m, 2) : 0m;
            total += Math.Round(a.Price * quantity, 2) - discount;
            var q = quantity.ToString(CultureInfo.InvariantCulture);
            if (a.Category != "gift_card" && returnSku is null)
            {
                (returnSku, returnQuantity) = (a.Sku, q);
            }

            json.Append(json.Length > 1 ? "," : "")
                .Append(CultureInfo.InvariantCulture, $"{{\"sku\":\"{a.Sku}\",\"name\":\"{a.Name}\",\"category\":\"{a.Category}\","
                    + $"\"quantity\":{q},\"unitPrice\":{a.Price.ToString(CultureInfo.InvariantCulture)}");
            if (discount > 0)
            {
                json.Append(CultureInfo.InvariantCulture, $",\"discount\":{discount.ToString(CultureInfo.InvariantCulture)}");
            }

            if (a.Brand is not null)
            {
                json.Append(CultureInfo.InvariantCulture, $",\"brand\":\"{a.Brand}\"");
            }

            json.Append('}');
        }

        json.Append(']');
        // A basket of gift cards only has nothing to bring back for points; its first line stands in (the return then reverses nothing).
        return new Basket(Encoding.UTF8.GetBytes(json.ToString()), total, returnSku ?? lines[0].Sku, returnQuantity ?? "1");
    }
}
