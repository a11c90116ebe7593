using System.Collections.Frozen;
using Treu.Domain.Purchases;

namespace Treu.Domain.Rules;

/// <summary>What the engine knows about the member at the moment of the purchase or event.</summary>
public sealed record MemberFacts(
    string? Tier = null,
    IReadOnlyCollection<string>? Segments = null,
    DateOnly? BirthDate = null,
    bool FirstPurchase = false,
    IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>A basket line as the rules see it: what it is and how much of it is eligible (after discounts, redemption and exclusions).</summary>
public sealed record EarnLine(int LineNo, string Sku, string? Category, string? Brand, decimal Quantity, decimal EligibleAmount);

public sealed record EarnRequest(
    RuleTrigger Trigger,
    string Channel,
    string? StoreId,
    DateTime OccurredAtUtc,
    MemberFacts Member,
    IReadOnlyList<EarnLine> Lines,
    IReadOnlyList<string>? PaymentMethods = null,
    string? EventType = null,
    TimeZoneInfo? TimeZone = null);

/// <summary>What a rule has already given, for its caps: to this member today, this week, this month, and in total.</summary>
public sealed record RuleUsage(
    long MemberToday = 0,
    long MemberThisWeek = 0,
    long MemberThisMonth = 0,
    long BudgetUsed = 0,
    int TimesForMember = 0,
    int TimesForMemberToday = 0)
{
    public static readonly RuleUsage None = new();
}

/// <summary>A rule in force, with the version it is evaluated at. Sets are built once, not per evaluation.</summary>
public sealed class ActiveRule
{
    public ActiveRule(string id, int version, RuleDefinition definition)
    {
        Id = id;
        Version = version;
        Definition = definition;
        IsMultiplier = definition.Effects.Any(e => e is MultiplierEffect);
        Products = definition.Conditions.OfType<ProductCondition>().Select(p => new ProductMatcher(p)).ToArray();
    }

    public string Id { get; }
    public int Version { get; }
    public RuleDefinition Definition { get; }
    internal bool IsMultiplier { get; }
    internal ProductMatcher[] Products { get; }
}

internal sealed class ProductMatcher(ProductCondition condition)
{
    private readonly FrozenSet<string> _skus = (condition.Skus ?? []).ToFrozenSet(StringComparer.Ordinal);
    private readonly FrozenSet<string> _categories = (condition.Categories ?? []).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    private readonly FrozenSet<string> _brands = (condition.Brands ?? []).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public bool Matches(EarnLine line) =>
        _skus.Contains(line.Sku)
        || (line.Category is not null && _categories.Contains(line.Category))
        || (line.Brand is not null && _brands.Contains(line.Brand));
}

public sealed record LinePoints(int LineNo, long Points);

/// <summary>One rule's part in an evaluation: what it gave, or the one reason it gave nothing (or less).</summary>
public sealed record RuleOutcome(
    string RuleId,
    int Version,
    string Name,
    bool Applied,
    long Points,
    decimal Cashback,
    string? Reason,
    IReadOnlyList<LinePoints> Lines);

public sealed record RuleEvaluation(long Points, decimal Cashback, IReadOnlyList<RuleOutcome> Outcomes)
{
    public IEnumerable<RuleOutcome> Applied => Outcomes.Where(o => o.Applied);

    public long PointsOfLine(int lineNo) => Applied.Sum(o => o.Lines.Where(l => l.LineNo == lineNo).Sum(l => l.Points));
}

/// <summary>
/// Evaluates the rules in force against a basket or an event. Pure and deterministic: the same rules and
/// request give the same answer whatever order the rules were stored in (they are ordered by priority, then id).
/// </summary>
public static class RuleEngine
{
    public static RuleEvaluation Evaluate(IReadOnlyList<ActiveRule> rules, EarnRequest request, Func<string, RuleUsage>? usage = null)
    {
        usage ??= _ => RuleUsage.None;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(request.OccurredAtUtc, DateTimeKind.Utc), request.TimeZone ?? TimeZoneInfo.Utc);
        var ordered = rules.OrderByDescending(r => r.Definition.Priority).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var candidates = new List<Candidate>();
        var outcomes = new Dictionary<ActiveRule, RuleOutcome>();

        foreach (var rule in ordered)
        {
            var why = WhyNot(rule, request, local);
            if (why is not null)
            {
                outcomes[rule] = NotApplied(rule, why);
                continue;
            }

            candidates.Add(new Candidate(rule, MatchingLines(rule, request)));
        }

        // Exclusive: the first (highest-priority) exclusive rule that applies is the only one that counts.
        var exclusive = candidates.FirstOrDefault(c => c.Rule.Definition.Stacking == Stacking.Exclusive);
        if (exclusive is not null)
        {
            foreach (var other in candidates.Where(c => c != exclusive))
            {
                outcomes[other.Rule] = NotApplied(other.Rule, $"rule '{exclusive.Rule.Definition.Name}' is exclusive and applies");
            }

            candidates = [exclusive];
        }

        // Points of the rules that give points of their own, capped; then best of each group.
        var givers = candidates.Where(c => !c.Rule.IsMultiplier).ToList();
        foreach (var c in givers)
        {
            Compute(c, request);
            if (c.Points == 0 && c.Cashback == 0)
            {
                c.Reason = "gives nothing on this basket: the eligible amount is too small";
            }

            Cap(c, usage(c.Rule.Id));
        }

        BestOfGroups(givers, outcomes);
        var basePoints = givers.Where(c => c.Points > 0).ToList();
        var baseTotal = basePoints.Sum(c => c.Points);
        var baseByLine = new decimal[request.Lines.Count];
        foreach (var c in basePoints)
        {
            for (var i = 0; i < c.LinePoints.Length; i++)
            {
                baseByLine[i] += c.LinePoints[i];
            }
        }

        // Multipliers add (factor - 1) × what the other rules gave, each on its own: 2× and 3× make 4×, never 6×.
        var multipliers = candidates.Where(c => c.Rule.IsMultiplier).ToList();
        foreach (var c in multipliers)
        {
            var factor = c.Rule.Definition.Effects.OfType<MultiplierEffect>().Single().Factor;
            c.Points = (long)Math.Floor((factor - 1) * baseTotal);
            c.LinePoints = Allocation.Points(c.Points, baseByLine);
            if (c.Points == 0)
            {
                c.Reason = "no points from other rules to multiply";
            }

            Cap(c, usage(c.Rule.Id));
        }

        BestOfGroups(multipliers, outcomes);
        foreach (var c in givers.Concat(multipliers).Where(c => !outcomes.ContainsKey(c.Rule)))
        {
            outcomes[c.Rule] = new RuleOutcome(c.Rule.Id, c.Rule.Version, c.Rule.Definition.Name, c.Points > 0 || c.Cashback > 0, c.Points, c.Cashback, c.Reason,
                request.Lines.Select((l, i) => new LinePoints(l.LineNo, c.LinePoints.Length == 0 ? 0 : c.LinePoints[i])).Where(lp => lp.Points > 0).ToList());
        }

        var result = ordered.Select(r => outcomes[r]).ToList();
        return new RuleEvaluation(result.Where(o => o.Applied).Sum(o => o.Points), result.Where(o => o.Applied).Sum(o => o.Cashback), result);
    }

    private sealed class Candidate(ActiveRule rule, bool[] matching)
    {
        public ActiveRule Rule { get; } = rule;
        public bool[] Matching { get; } = matching;
        public long Points { get; set; }
        public decimal Cashback { get; set; }
        public long[] LinePoints { get; set; } = [];
        public string? Reason { get; set; }
    }

    private static RuleOutcome NotApplied(ActiveRule rule, string why) =>
        new(rule.Id, rule.Version, rule.Definition.Name, false, 0, 0, why, []);

    /// <summary>The first condition that fails, in words; null when the rule applies.</summary>
    private static string? WhyNot(ActiveRule rule, EarnRequest request, DateTime local)
    {
        var d = rule.Definition;
        if (d.Trigger != request.Trigger || (d.Trigger == RuleTrigger.Event && !string.Equals(d.EventType, request.EventType, StringComparison.Ordinal)))
        {
            return d.Trigger == RuleTrigger.Event ? $"applies to '{d.EventType}' events" : "applies to purchases";
        }

        if (d.ValidFrom is { } from && request.OccurredAtUtc < from)
        {
            return $"starts on {from:yyyy-MM-dd HH:mm} UTC";
        }

        if (d.ValidTo is { } to && request.OccurredAtUtc >= to)
        {
            return $"ended on {to:yyyy-MM-dd HH:mm} UTC";
        }

        var member = request.Member;
        foreach (var condition in d.Conditions)
        {
            string? failed = condition switch
            {
                ChannelCondition c => c.In.Contains(request.Channel) ? null : $"channel is {request.Channel}, not {string.Join(" or ", c.In)}",
                StoreCondition c => request.StoreId is not null && c.In.Contains(request.StoreId) ? null : $"store {request.StoreId ?? "(none)"} is not among {string.Join(", ", c.In)}",
                TimeCondition c => TimeFails(c, local),
                TierCondition c => member.Tier is not null && c.In.Contains(member.Tier, StringComparer.OrdinalIgnoreCase) ? null : $"tier is {member.Tier ?? "(none)"}, not {string.Join(" or ", c.In)}",
                SegmentCondition c => member.Segments?.Any(s => c.Any.Contains(s, StringComparer.OrdinalIgnoreCase)) == true ? null : $"member is in none of the segments {string.Join(", ", c.Any)}",
                BirthdayCondition c => BirthdayFails(c, member.BirthDate, DateOnly.FromDateTime(local)),
                AttributeCondition c => member.Attributes?.TryGetValue(c.Name, out var v) == true && string.Equals(v, c.EqualTo, StringComparison.OrdinalIgnoreCase)
                    ? null : $"attribute {c.Name} is not '{c.EqualTo}'",
                FirstPurchaseCondition => member.FirstPurchase ? null : "not the member's first purchase",
                BasketCondition c => BasketFails(c, request.Lines),
                ProductCondition => null, // checked below, with every product condition together
                PaymentCondition c => request.PaymentMethods?.Any(m => c.Methods.Contains(m, StringComparer.OrdinalIgnoreCase)) == true
                    ? null : $"paid by {(request.PaymentMethods is { Count: > 0 } p ? string.Join(", ", p) : "(not given)")}, not {string.Join(" or ", c.Methods)}",
                _ => "unknown condition",
            };
            if (failed is not null)
            {
                return failed;
            }
        }

        if (rule.Products.Length > 0 && !request.Lines.Any(l => l.EligibleAmount > 0 && rule.Products.All(p => p.Matches(l))))
        {
            return "no eligible line matches the product condition";
        }

        return null;
    }

    private static string? TimeFails(TimeCondition c, DateTime local)
    {
        var day = RuleValidation.Weekdays[((int)local.DayOfWeek + 6) % 7];
        if (c.Weekdays is not null && !c.Weekdays.Contains(day))
        {
            return $"{day} is not among {string.Join(", ", c.Weekdays)}";
        }

        var time = TimeOnly.FromDateTime(local);
        return c.From is { } from && c.To is { } to && (time < from || time >= to) ? $"{time:HH\\:mm} is outside {from:HH\\:mm}–{to:HH\\:mm}" : null;
    }

    private static string? BirthdayFails(BirthdayCondition c, DateOnly? birthDate, DateOnly today)
    {
        if (birthDate is not { } b)
        {
            return "no birth date on record";
        }

        // The birthday in the years around today; 29 February falls on 28 February in other years.
        var nearest = new[] { today.Year - 1, today.Year, today.Year + 1 }
            .Select(y => new DateOnly(y, b.Month, Math.Min(b.Day, DateTime.DaysInMonth(y, b.Month))))
            .Min(d => Math.Abs(d.DayNumber - today.DayNumber));
        return nearest <= c.WithinDays ? null : $"birthday is {nearest} days away, more than {c.WithinDays}";
    }

    private static string? BasketFails(BasketCondition c, IReadOnlyList<EarnLine> lines)
    {
        var amount = lines.Sum(l => l.EligibleAmount);
        if (c.MinEligibleAmount is { } min && amount < min)
        {
            return $"eligible amount {amount:0.00} is below {min:0.00}";
        }

        var items = lines.Sum(l => l.Quantity);
        return c.MinItems is { } minItems && items < minItems ? $"{items:0.###} items, fewer than {minItems:0.###}" : null;
    }

    private static bool[] MatchingLines(ActiveRule rule, EarnRequest request)
    {
        var matching = new bool[request.Lines.Count];
        for (var i = 0; i < matching.Length; i++)
        {
            var line = request.Lines[i];
            matching[i] = line.EligibleAmount > 0 && rule.Products.All(p => p.Matches(line));
        }

        return matching;
    }

    private static void Compute(Candidate c, EarnRequest request)
    {
        var lines = request.Lines;
        var all = lines.Select(l => l.EligibleAmount > 0 ? l.EligibleAmount : 0).ToArray();
        var matched = lines.Select((l, i) => c.Matching[i] ? all[i] : 0).ToArray();
        var hasProducts = c.Rule.Products.Length > 0;
        var linePoints = new long[lines.Count];
        long eventPoints = 0;
        foreach (var effect in c.Rule.Definition.Effects)
        {
            switch (effect)
            {
                case PointsPerAmountEffect e:
                    var weights = e.MatchingLinesOnly ? matched : all;
                    var points = EarnCalculator.Round(weights.Sum() * e.Rate, e.Rounding);
                    Add(linePoints, Allocation.Points(points, weights));
                    break;
                case BonusEffect { PerMatchingItem: true } e:
                    for (var i = 0; i < lines.Count; i++)
                    {
                        linePoints[i] += c.Matching[i] ? e.Points * (long)Math.Floor(lines[i].Quantity) : 0;
                    }

                    break;
                case BonusEffect e when lines.Count == 0:
                    eventPoints += e.Points;
                    break;
                case BonusEffect e:
                    Add(linePoints, Allocation.Points(e.Points, hasProducts ? matched : all));
                    break;
                case CashbackEffect e:
                    c.Cashback += Math.Round((hasProducts ? matched : all).Sum() * e.Percent / 100m, 2, MidpointRounding.ToZero);
                    break;
            }
        }

        c.LinePoints = linePoints;
        c.Points = linePoints.Sum() + eventPoints;
    }

    private static void Add(long[] into, long[] add)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += add[i];
        }
    }

    /// <summary>Applies the rule's caps; the tightest one wins and is named in the outcome.</summary>
    private static void Cap(Candidate c, RuleUsage used)
    {
        var caps = c.Rule.Definition.Caps;
        if (caps is null || (c.Points == 0 && c.Cashback == 0))
        {
            return;
        }

        if (caps.TimesPerMember is { } times && used.TimesForMember >= times)
        {
            Zero(c, $"limit reached: {times} time(s) per member");
            return;
        }

        if (caps.TimesPerMemberPerDay is { } perDay && used.TimesForMemberToday >= perDay)
        {
            Zero(c, $"limit reached: {perDay} time(s) per member per day");
            return;
        }

        var limit = c.Points;
        string? reason = null;
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
        if (limit < c.Points)
        {
            c.LinePoints = c.LinePoints.Length == 0 ? [] : Allocation.Points(limit, c.LinePoints.Select(p => (decimal)p).ToArray());
            c.Points = limit;
            c.Reason = reason;
            if (limit == 0)
            {
                c.Cashback = 0;
            }
        }
    }

    private static void Zero(Candidate c, string reason)
    {
        c.Points = 0;
        c.Cashback = 0;
        c.LinePoints = new long[c.LinePoints.Length];
        c.Reason = reason;
    }

    /// <summary>Of the rules of one group, the one that gives most points counts (ties: higher priority, then id).</summary>
    private static void BestOfGroups(List<Candidate> candidates, Dictionary<ActiveRule, RuleOutcome> outcomes)
    {
        foreach (var group in candidates.Where(c => c.Rule.Definition.Stacking == Stacking.BestOfGroup).GroupBy(c => c.Rule.Definition.Group).ToList())
        {
            var best = group.OrderByDescending(c => c.Points).ThenByDescending(c => c.Cashback).First();
            foreach (var loser in group.Where(c => c != best))
            {
                outcomes[loser.Rule] = NotApplied(loser.Rule, $"rule '{best.Rule.Definition.Name}' of group '{group.Key}' gives more");
                candidates.Remove(loser);
            }
        }
    }
}
