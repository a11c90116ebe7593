using System.Buffers;
using static System.FormattableString;
using Treu.Domain.Purchases;

namespace Treu.Domain.Rules;

/// <summary>
/// Evaluates the rules in force against a basket or an event. Pure and deterministic. On the earn path
/// (<c>explain: false</c>) a rule that does not apply costs a few set look-ups and allocates nothing; a preview
/// (<c>explain: true</c>) also says, for every rule that gave nothing, the one condition that failed.
/// </summary>
public static class RuleEngine
{
    public static RuleEvaluation Evaluate(IReadOnlyList<ActiveRule> rules, EarnRequest request, Func<string, RuleUsage>? usage = null, bool explain = true) =>
        Evaluate(RuleBook.Compile(rules), request, usage, explain);

    public static RuleEvaluation Evaluate(RuleBook book, EarnRequest request, Func<string, RuleUsage>? usage = null, bool explain = false)
    {
        var lines = request.Lines;
        var n = lines.Count;
        var local = request.LocalTime;
        var eligible = new decimal[n];
        var eligibleTotal = 0m;
        var items = 0m;
        for (var i = 0; i < n; i++)
        {
            eligible[i] = Math.Max(lines[i].EligibleAmount, 0);
            eligibleTotal += eligible[i];
            items += lines[i].Quantity;
        }

        // Each line's share of the eligible amount, once, in doubles: used only to split points, never to count them.
        var share = new double[n];
        for (var i = 0; i < n; i++)
        {
            share[i] = eligibleTotal > 0 ? (double)eligible[i] / (double)eligibleTotal : 0;
        }

        var rules = book.Rules;
        var masks = MatchProducts(book, lines);
        var outcomes = new List<RuleOutcome>();
        var applicable = new List<int>();
        try
        {
            for (var r = 0; r < rules.Length; r++)
            {
                var why = WhyNot(rules[r], request, local, eligibleTotal, items, masks[r], explain);
                if (why is null)
                {
                    applicable.Add(r);
                }
                else if (explain)
                {
                    outcomes.Add(NotApplied(rules[r], why));
                }
            }

            // Where the points land: a basket-wide share (spread by eligible amount at the end) plus exact shares per line.
            var lineShares = new double[n];
            double basketShare = 0;
            var results = new List<Result>();
            usage ??= _ => RuleUsage.None;

            foreach (var r in applicable.Where(r => rules[r].Multiplier is null))
            {
                var result = Give(r, rules[r], lines, eligible, eligibleTotal, masks[r], usage(rules[r].Rule.Id), request.Trigger == RuleTrigger.Event);
                result.Matched = masks[r];
                results.Add(result);
            }

            // Exclusive: the highest-priority exclusive rule that gives something (after its caps) is the only one that counts.
            var exclusive = results.FirstOrDefault(x => rules[x.Rule].Rule.Definition.Stacking == Stacking.Exclusive && (x.Points > 0 || x.Cashback > 0));
            if (exclusive is not null)
            {
                if (explain)
                {
                    var reason = $"rule '{rules[exclusive.Rule].Rule.Definition.Name}' is exclusive and applies";
                    outcomes.AddRange(applicable.Where(r => r != exclusive.Rule).Select(r => NotApplied(rules[r], reason)));
                }

                results = [exclusive];
                applicable = [exclusive.Rule];
            }

            BestOfGroups(results, rules, outcomes, explain);
            long baseTotal = 0;
            foreach (var result in results)
            {
                baseTotal += result.Points;
                basketShare += result.BasketShare;
                Add(lineShares, result.LineShares, 1);
            }

            // Multipliers add (factor - 1) × what the other rules gave, each on its own: 2× and 3× make 4×, never 6×.
            var multipliers = new List<Result>();
            var baseShares = (double[])lineShares.Clone();
            var baseBasket = basketShare;
            var baseByLine = new double[n];
            for (var i = 0; i < n; i++)
            {
                baseByLine[i] = baseShares[i] + baseBasket * share[i];
            }

            foreach (var r in applicable.Where(r => rules[r].Multiplier is not null))
            {
                // With a product condition ("5× on organic"), only the matching lines' points are multiplied.
                var mask = masks[r];
                var result = new Result(r) { Matched = mask };
                double onBase = 0;
                for (var i = 0; i < n; i++)
                {
                    onBase += mask is null || mask[i] ? baseByLine[i] : 0;
                }

                var multiplied = mask is null ? baseTotal : (long)Math.Round(onBase);
                result.Points = result.Uncapped = (long)Math.Floor((rules[r].Multiplier!.Value - 1) * multiplied);
                result.Reason = result.Points == 0 ? "no points from other rules to multiply" : null;
                if (result.Points > 0 && onBase > 0)
                {
                    result.LineShares = new double[n];
                    for (var i = 0; i < n; i++)
                    {
                        result.LineShares[i] = mask is null || mask[i] ? baseByLine[i] / onBase * result.Points : 0;
                    }
                }

                Cap(result, rules[r].Rule.Definition.Caps, usage(rules[r].Rule.Id));
                multipliers.Add(result);
            }

            BestOfGroups(multipliers, rules, outcomes, explain);
            foreach (var m in multipliers.Where(m => m.Points > 0))
            {
                Add(lineShares, m.LineShares, 1);
            }

            long total = 0;
            decimal cashback = 0;
            long eventPoints = 0;
            foreach (var result in results.Concat(multipliers).OrderBy(x => x.Rule))
            {
                var applied = result.Points > 0 || result.Cashback > 0;
                if (!applied && !explain)
                {
                    continue;
                }

                var rule = rules[result.Rule];
                outcomes.Add(new RuleOutcome(rule.Rule.Id, rule.Rule.Version, rule.Rule.Definition.Name, applied, result.Points, result.Cashback,
                    result.Reason ?? (applied ? null : "gives nothing on this basket: the eligible amount is too small"),
                    rule.ProductConditions > 0 && applied ? RuleLines(lines, result, share) : [], result.Capped));
                if (applied)
                {
                    total += result.Points;
                    cashback += result.Cashback;
                    eventPoints += result.EventPoints;
                }
            }

            // One split of the whole total over the lines: what a return of a line takes back.
            var weights = new double[n];
            for (var i = 0; i < n; i++)
            {
                weights[i] = lineShares[i] + basketShare * share[i];
            }

            if (explain)
            {
                var order = rules.Select((rule, index) => (rule.Rule.Id, index)).ToDictionary(x => x.Id, x => x.index);
                outcomes.Sort((a, b) => order[a.RuleId].CompareTo(order[b.RuleId]));
            }

            return new RuleEvaluation(total, cashback, outcomes, PerLine(lines, weights, total - eventPoints));
        }
        finally
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

    /// <summary>What one rule gives: points, cashback, and where on the basket its points belong.</summary>
    private sealed class Result(int rule)
    {
        public int Rule { get; } = rule;
        public long Points { get; set; }
        public long Uncapped { get; set; }
        public long EventPoints { get; set; }
        public decimal Cashback { get; set; }
        public double BasketShare { get; set; }
        public double[]? LineShares { get; set; }
        public string? Reason { get; set; }
        public bool Capped { get; set; }
        public bool[]? Matched { get; set; }
    }

    /// <summary>
    /// Marks, per rule with product conditions, the lines that match all of them. Each line looks its sku, category
    /// and brand up in the book's index, so the work grows with the basket, not with the number of rules.
    /// </summary>
    private static bool[]?[] MatchProducts(RuleBook book, IReadOnlyList<EarnLine> lines)
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

                void Hit(System.Collections.Frozen.FrozenDictionary<string, ConditionRef[]> index, string? key)
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

    /// <summary>The first condition that fails; null when the rule applies. Without <paramref name="explain"/> the reason is not spelled out.</summary>
    private static string? WhyNot(CompiledRule rule, EarnRequest request, DateTime local, decimal eligibleTotal, decimal items, bool[]? mask, bool explain)
    {
        const string No = "";
        var d = rule.Rule.Definition;
        if (d.Trigger != request.Trigger || (d.Trigger == RuleTrigger.Event && !string.Equals(d.EventType, request.EventType, StringComparison.Ordinal)))
        {
            return !explain ? No : d.Trigger == RuleTrigger.Event ? $"applies to '{d.EventType}' events" : "applies to purchases";
        }

        if (d.ValidFrom is { } from && request.OccurredAtUtc < from)
        {
            return explain ? Invariant($"starts on {from:yyyy-MM-dd HH:mm} UTC") : No;
        }

        if (d.ValidTo is { } to && request.OccurredAtUtc >= to)
        {
            return explain ? Invariant($"ended on {to:yyyy-MM-dd HH:mm} UTC") : No;
        }

        var member = request.Member;
        if (rule.Channels is { } channels && !channels.Contains(request.Channel))
        {
            return explain ? $"channel is {request.Channel}, not {string.Join(" or ", channels.Order())}" : No;
        }

        if (rule.Stores is { } stores && (request.StoreId is null || !stores.Contains(request.StoreId)))
        {
            return explain ? $"store {request.StoreId ?? "(none)"} is not among {string.Join(", ", stores.Order())}" : No;
        }

        if (rule.Weekdays != 0x7F && (rule.Weekdays & (1 << (((int)local.DayOfWeek + 6) % 7))) == 0)
        {
            return explain
                ? $"{RuleValidation.Weekdays[((int)local.DayOfWeek + 6) % 7]} is not among {string.Join(", ", RuleValidation.Weekdays.Where((_, d) => (rule.Weekdays & (1 << d)) != 0))}"
                : No;
        }

        if (rule.Tiers is { } tiers && (member.Tier is null || !tiers.Contains(member.Tier)))
        {
            return explain ? $"tier is {member.Tier ?? "(none)"}, not {string.Join(" or ", tiers.Order())}" : No;
        }

        foreach (var segments in rule.Segments)
        {
            if (!AnyIn(member.Segments, segments))
            {
                return explain ? $"member is in none of the segments {string.Join(", ", segments.Order())}" : No;
            }
        }

        foreach (var payments in rule.Payments)
        {
            if (!AnyIn(request.PaymentMethods, payments))
            {
                return explain ? $"paid by {(request.PaymentMethods is { Count: > 0 } p ? string.Join(", ", p) : "(not given)")}, not {string.Join(" or ", payments.Order())}" : No;
            }
        }

        // Indexed loops, not foreach over the interface: a rule that does not apply must not allocate an enumerator.
        var conditions = d.Conditions;
        for (var n = 0; n < conditions.Count; n++)
        {
            string? failed = conditions[n] switch
            {
                TimeCondition { From: { } f, To: { } t } when TimeOnly.FromDateTime(local) is var time && (time < f || time >= t) =>
                    explain ? Invariant($"{time:HH\\:mm} is outside {f:HH\\:mm}–{t:HH\\:mm}") : No,
                BirthdayCondition c => BirthdayFails(c, member.BirthDate, DateOnly.FromDateTime(local), explain),
                AttributeCondition c => member.Attributes?.TryGetValue(c.Name, out var v) == true && string.Equals(v, c.EqualTo, StringComparison.OrdinalIgnoreCase)
                    ? null : explain ? $"attribute {c.Name} is not '{c.EqualTo}'" : No,
                FirstPurchaseCondition => member.FirstPurchase ? null : explain ? "not the member's first purchase" : No,
                BasketCondition { MinEligibleAmount: { } min } when eligibleTotal < min => explain ? Invariant($"eligible amount {eligibleTotal:0.00} is below {min:0.00}") : No,
                BasketCondition { MinItems: { } minItems } when items < minItems => explain ? Invariant($"{items:0.###} items, fewer than {minItems:0.###}") : No,
                _ => null,
            };
            if (failed is not null)
            {
                return failed;
            }
        }

        return rule.ProductConditions > 0 && mask is null ? explain ? "no eligible line matches the product condition" : No : null;
    }

    private static bool AnyIn<T>(T? values, System.Collections.Frozen.FrozenSet<string> set) where T : class, IEnumerable<string>
    {
        switch (values)
        {
            case null:
                return false;
            case string[] array:
                foreach (var value in array)
                {
                    if (set.Contains(value))
                    {
                        return true;
                    }
                }

                return false;
            case List<string> list:
                foreach (var value in list)
                {
                    if (set.Contains(value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return values.Any(set.Contains);
        }
    }

    private static string? BirthdayFails(BirthdayCondition c, DateOnly? birthDate, DateOnly today, bool explain)
    {
        if (birthDate is not { } b)
        {
            return explain ? "no birth date on record" : "";
        }

        // The birthday in the years around today; 29 February falls on 28 February in other years.
        var nearest = int.MaxValue;
        for (var y = today.Year - 1; y <= today.Year + 1; y++)
        {
            var birthday = new DateOnly(y, b.Month, Math.Min(b.Day, DateTime.DaysInMonth(y, b.Month)));
            nearest = Math.Min(nearest, Math.Abs(birthday.DayNumber - today.DayNumber));
        }

        return nearest <= c.WithinDays ? null : explain ? $"birthday is {nearest} days away, more than {c.WithinDays}" : "";
    }

    private static Result Give(int index, CompiledRule rule, IReadOnlyList<EarnLine> lines, decimal[] eligible, decimal eligibleTotal, bool[]? mask, RuleUsage usage, bool isEvent)
    {
        var result = new Result(index);
        var matchedTotal = 0m;
        if (mask is not null)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                matchedTotal += mask[i] ? eligible[i] : 0;
            }
        }

        // With a product condition, a bonus or cashback belongs to the matching lines; a rate may still be on the whole basket.
        void OnMatching(long points)
        {
            result.LineShares ??= new double[lines.Count];
            if (matchedTotal <= 0)
            {
                return;
            }

            // Shares only decide how whole points are split over lines, so doubles do; the points themselves stay exact.
            var perUnit = points / (double)matchedTotal;
            for (var i = 0; i < lines.Count; i++)
            {
                if (mask![i])
                {
                    result.LineShares[i] += perUnit * (double)eligible[i];
                }
            }
        }

        var effects = rule.Rule.Definition.Effects;
        for (var k = 0; k < effects.Count; k++)
        {
            switch (effects[k])
            {
                case PointsPerAmountEffect { MatchingLinesOnly: true } e when mask is not null:
                    var onMatching = EarnCalculator.Round(matchedTotal * e.Rate, e.Rounding);
                    OnMatching(onMatching);
                    result.Points += onMatching;
                    break;
                case PointsPerAmountEffect e:
                    var onBasket = EarnCalculator.Round(eligibleTotal * e.Rate, e.Rounding);
                    result.BasketShare += onBasket;
                    result.Points += onBasket;
                    break;
                case BonusEffect { PerMatchingItem: true } e when mask is not null:
                    result.LineShares ??= new double[lines.Count];
                    for (var i = 0; i < lines.Count; i++)
                    {
                        var perItem = mask[i] ? e.Points * (long)Math.Floor(lines[i].Quantity) : 0;
                        result.LineShares[i] += perItem;
                        result.Points += perItem;
                    }

                    break;
                case BonusEffect e when isEvent:
                    result.EventPoints += e.Points;
                    result.Points += e.Points;
                    break;
                case BonusEffect e when mask is not null:
                    OnMatching(e.Points);
                    result.Points += e.Points;
                    break;
                case BonusEffect e when eligibleTotal > 0:
                    result.BasketShare += e.Points;
                    result.Points += e.Points;
                    break;
                case CashbackEffect e:
                    result.Cashback += Math.Round((mask is not null ? matchedTotal : eligibleTotal) * e.Percent / 100m, 2, MidpointRounding.ToZero);
                    break;
            }
        }

        result.Uncapped = result.Points;
        Cap(result, rule.Rule.Definition.Caps, usage);
        return result;
    }

    /// <summary>
    /// The lines a rule with a product condition gave points on. Its points usually sit on the few matching lines
    /// only, so only those are split; a rate on the whole basket spreads over every line.
    /// </summary>
    private static IReadOnlyList<LinePoints> RuleLines(IReadOnlyList<EarnLine> lines, Result result, double[] share)
    {
        var total = result.Points - result.EventPoints;
        if (total <= 0)
        {
            return [];
        }

        if (result.BasketShare > 0 || result.LineShares is null || result.Matched is null)
        {
            var all = new double[lines.Count];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = (result.LineShares?[i] ?? 0) + result.BasketShare * share[i];
            }

            return PerLine(lines, all, total);
        }

        var count = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            count += result.Matched[i] ? 1 : 0;
        }

        var index = new int[count];
        var weights = new double[count];
        for (int i = 0, k = 0; i < lines.Count; i++)
        {
            if (result.Matched[i])
            {
                index[k] = i;
                weights[k++] = result.LineShares[i];
            }
        }

        var split = PerLine(index.Select(i => lines[i]).ToArray(), weights, total);
        return split;
    }

    private static void Add(double[] into, double[]? add, double factor)
    {
        if (add is null)
        {
            return;
        }

        for (var i = 0; i < into.Length; i++)
        {
            into[i] += add[i] * factor;
        }
    }

    private static RuleOutcome NotApplied(CompiledRule rule, string why) =>
        new(rule.Rule.Id, rule.Rule.Version, rule.Rule.Definition.Name, false, 0, 0, why, []);

    /// <summary>Applies the rule's caps; the tightest one wins and is named in the outcome.</summary>
    private static void Cap(Result result, RuleCaps? caps, RuleUsage used)
    {
        if (caps is null || (result.Points == 0 && result.Cashback == 0))
        {
            return;
        }

        string? exhausted = caps.TimesPerMember is { } times && used.TimesForMember >= times ? $"limit reached: {times} time(s) per member"
            : caps.TimesPerMemberPerDay is { } perDay && used.TimesForMemberToday >= perDay ? $"limit reached: {perDay} time(s) per member per day"
            : null;
        var limit = result.Points;
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

        if (limit >= result.Points && exhausted is null)
        {
            return;
        }

        var scale = result.Points == 0 ? 0 : (double)limit / result.Points;
        result.BasketShare *= scale;
        if (result.LineShares is not null)
        {
            for (var i = 0; i < result.LineShares.Length; i++)
            {
                result.LineShares[i] *= scale;
            }
        }

        result.EventPoints = Math.Min(result.EventPoints, limit);
        result.Points = limit;
        result.Reason = reason;
        result.Capped = true;
        if (limit == 0)
        {
            result.Cashback = 0;
        }
    }

    /// <summary>Of the rules of one group, the one that gives most counts (ties: the higher priority, then the lower id).</summary>
    private static void BestOfGroups(List<Result> results, CompiledRule[] rules, List<RuleOutcome> outcomes, bool explain)
    {
        var groups = results.Where(r => rules[r.Rule].Rule.Definition.Stacking == Stacking.BestOfGroup)
            .GroupBy(r => rules[r.Rule].Rule.Definition.Group).Where(g => g.Count() > 1).ToList();
        foreach (var group in groups)
        {
            var best = group.OrderByDescending(r => r.Points).ThenByDescending(r => r.Cashback).ThenBy(r => r.Rule).First();
            foreach (var loser in group.Where(r => r != best))
            {
                results.Remove(loser);
                if (explain)
                {
                    outcomes.Add(NotApplied(rules[loser.Rule], $"rule '{rules[best.Rule].Rule.Definition.Name}' of group '{group.Key}' gives more"));
                }
            }
        }
    }

    /// <summary>Splits whole points over lines in proportion to their shares (largest remainder, ties to the earlier line).</summary>
    private static IReadOnlyList<LinePoints> PerLine(IReadOnlyList<EarnLine> lines, double[] weights, long total)
    {
        var sum = 0d;
        foreach (var w in weights)
        {
            sum += Math.Max(w, 0);
        }

        if (total <= 0 || sum <= 0)
        {
            return [];
        }

        var points = new long[weights.Length];
        var remainders = new double[weights.Length];
        long given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * Math.Max(weights[i], 0) / sum;
            points[i] = (long)Math.Floor(exact);
            remainders[i] = exact - points[i];
            given += points[i];
        }

        for (; given < total; given++)
        {
            var best = -1;
            for (var i = 0; i < weights.Length; i++)
            {
                if (weights[i] > 0 && (best < 0 || remainders[i] > remainders[best]))
                {
                    best = i;
                }
            }

            points[best]++;
            remainders[best] = -1;
        }

        var result = new List<LinePoints>();
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i] > 0)
            {
                result.Add(new LinePoints(lines[i].LineNo, points[i]));
            }
        }

        return result;
    }
}
