using BenchmarkDotNet.Attributes;
using Treu.Domain.Programs;
using Treu.Domain.Rules;

namespace Treu.Benchmarks;

/// <summary>
/// A 50-line basket against 200 rules in force: the yardstick for the rules engine (goal: median under
/// 50 µs on the project's 2-core machine). The rule mix is what a mid-sized retailer runs: a base rate, category
/// rates, sku bonuses, weekend and app multipliers, segment, tier, basket-size, birthday and payment rules.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmark
{
    private const int Categories = 30;
    private RuleBook _book = RuleBook.Empty;
    private EarnRequest _request = null!;

    [Params(200)]
    public int RuleCount { get; set; }

    /// <summary>
    /// upper_bound: a Saturday, a gold member in two segments, lines from all 30 categories — 120 rules apply.
    /// typical: a Tuesday, a member without tier or segments, a grocery basket from 4 categories, no sku on promotion.
    /// </summary>
    [Params("upper_bound", "typical")]
    public string Scenario { get; set; } = "upper_bound";

    [GlobalSetup]
    public void Setup()
    {
        _book = RuleBook.Compile(RuleSet(RuleCount, new Random(42)));
        _request = Scenario == "typical" ? TypicalBasket(50, new Random(7)) : Basket(50, new Random(7));
    }


    /// <summary>A purchase: the rules that apply, with their points per line.</summary>
    [Benchmark(Baseline = true)]
    public RuleEvaluation Earn() => RuleEngine.Evaluate(_book, _request);

    /// <summary>A preview: also why each of the other rules did not apply.</summary>
    [Benchmark]
    public RuleEvaluation Preview() => RuleEngine.Evaluate(_book, _request, explain: true);

    public static IReadOnlyList<ActiveRule> RuleSet(int count, Random random)
    {
        var rules = new List<ActiveRule>
        {
            Rule(0, new RuleDefinition { Name = "Base rate", Effects = [new PointsPerAmountEffect(1m)] }),
        };
        for (var i = 1; i < count; i++)
        {
            var category = $"cat{random.Next(Categories)}";
            RuleDefinition definition = (i % 10) switch
            {
                0 or 1 or 2 or 3 => new()
                {
                    Name = $"{category} ×{i % 4 + 2}",
                    Conditions = [new ProductCondition(Categories: [category, $"cat{random.Next(Categories)}"])],
                    Effects = [new PointsPerAmountEffect(i % 4 + 1, MatchingLinesOnly: true)],
                },
                4 or 5 => new()
                {
                    Name = $"SKU bonus {i}",
                    Conditions = [new ProductCondition(Skus: Enumerable.Range(0, 10).Select(_ => $"SKU{random.Next(1000)}").ToArray())],
                    Effects = [new BonusEffect(25, PerMatchingItem: true)],
                    Caps = new RuleCaps(PerTransaction: 500, Budget: 1_000_000),
                },
                6 => new()
                {
                    Name = $"Weekend multiplier {i}",
                    Conditions = [new TimeCondition(Weekdays: ["sat", "sun"]), new ChannelCondition(["app", "store"])],
                    Effects = [new MultiplierEffect(2)],
                    Stacking = Stacking.BestOfGroup,
                    Group = "multipliers",
                },
                7 => new()
                {
                    Name = $"Segment bonus {i}",
                    Conditions = [new SegmentCondition([$"seg{random.Next(20)}"]), new TierCondition(["gold", "silver"])],
                    Effects = [new BonusEffect(100)],
                },
                8 => new()
                {
                    Name = $"Big basket {i}",
                    Conditions = [new BasketCondition(MinEligibleAmount: 50 + random.Next(200))],
                    Effects = [new BonusEffect(50), new CashbackEffect(1)],
                    Caps = new RuleCaps(PerMemberPerDay: 200),
                },
                _ => new()
                {
                    Name = $"Birthday or card {i}",
                    Conditions = i % 20 == 9 ? [new BirthdayCondition(7)] : [new PaymentCondition(["store_card"])],
                    Effects = [new BonusEffect(200)],
                },
            };
            rules.Add(Rule(i, definition with { Priority = random.Next(10) }));
        }

        return rules;
    }

    public static EarnRequest Basket(int lines, Random random) => new(
        RuleTrigger.Purchase,
        "store",
        "berlin",
        new DateTime(2026, 11, 21, 10, 30, 0, DateTimeKind.Utc), // a Saturday
        new MemberFacts(Tier: "gold", Segments: ["seg3", "seg11"], BirthDate: new DateOnly(1990, 11, 25)),
        Enumerable.Range(1, lines)
            .Select(i => new EarnLine(
                i, $"SKU{random.Next(1000)}", $"cat{random.Next(Categories)}", null, random.Next(1, 4), Math.Round((decimal)random.NextDouble() * 30 + 1, 2)))
            .ToList(),
        ["visa"],
        TimeZone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    public static EarnRequest TypicalBasket(int lines, Random random) => new(
        RuleTrigger.Purchase,
        "store",
        "berlin",
        new DateTime(2026, 11, 24, 17, 45, 0, DateTimeKind.Utc), // a Tuesday
        new MemberFacts(),
        Enumerable.Range(1, lines)
            .Select(i => new EarnLine(
                i, $"ART{random.Next(5000)}", $"cat{random.Next(4)}", null, random.Next(1, 3), Math.Round((decimal)random.NextDouble() * 8 + 0.5m, 2)))
            .ToList(),
        ["visa"],
        TimeZone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    private static ActiveRule Rule(int i, RuleDefinition definition) => new($"rul_{i:d4}", 1, definition);
}
