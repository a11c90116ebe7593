using System.Collections.Frozen;
using static System.FormattableString;

namespace Treu.Domain.Rules;

/// <summary>Whether a rule's conditions hold for a basket or an event, and if not, the first that fails.</summary>
internal static class RuleConditions
{
    /// <summary>The first condition that fails; null when the rule applies. Without <paramref name="explain"/> the reason is not spelled out.</summary>
    public static string? WhyNot(CompiledRule rule, EarnRequest request, DateTime local, decimal eligibleTotal, decimal items, bool[]? mask, bool explain)
    {
        const string unexplained = "";
        var d = rule.Rule.Definition;
        if (d.Trigger != request.Trigger || (d.Trigger == RuleTrigger.Event && !string.Equals(d.EventType, request.EventType, StringComparison.Ordinal)))
        {
            return !explain ? unexplained : d.Trigger == RuleTrigger.Event ? $"applies to '{d.EventType}' events" : "applies to purchases";
        }

        if (d.ValidFrom is { } from && request.OccurredAtUtc < from && !OpensEarly(rule, request))
        {
            return !explain ? unexplained
                : rule.Rule.Early is { } early
                    ? Invariant($"starts on {from:yyyy-MM-dd HH:mm} UTC, for {string.Join(" or ", early.Tiers.Order())} on {early.From:yyyy-MM-dd HH:mm} UTC")
                    : Invariant($"starts on {from:yyyy-MM-dd HH:mm} UTC");
        }

        if (d.ValidTo is { } to && request.OccurredAtUtc >= to)
        {
            return explain ? Invariant($"ended on {to:yyyy-MM-dd HH:mm} UTC") : unexplained;
        }

        var member = request.Member;
        if (rule.Channels is { } channels && !channels.Contains(request.Channel))
        {
            return explain ? $"channel is {request.Channel}, not {string.Join(" or ", channels.Order())}" : unexplained;
        }

        if (rule.Stores is { } stores && (request.StoreId is null || !stores.Contains(request.StoreId)))
        {
            return explain ? $"store {request.StoreId ?? "(none)"} is not among {string.Join(", ", stores.Order())}" : unexplained;
        }

        if (rule.Weekdays != 0x7F && (rule.Weekdays & (1 << (((int)local.DayOfWeek + 6) % 7))) == 0)
        {
            return explain
                ? $"{RuleValidation.Weekdays[((int)local.DayOfWeek + 6) % 7]} is not among "
                    + $"{string.Join(", ", RuleValidation.Weekdays.Where((_, d) => (rule.Weekdays & (1 << d)) != 0))}"
                : unexplained;
        }

        if (rule.Tiers is { } tiers && (member.Tier is null || !tiers.Contains(member.Tier)))
        {
            return explain ? $"tier is {member.Tier ?? "(none)"}, not {string.Join(" or ", tiers.Order())}" : unexplained;
        }

        foreach (var segments in rule.Segments)
        {
            if (!AnyIn(member.Segments, segments))
            {
                return explain ? $"member is in none of the segments {string.Join(", ", segments.Order())}" : unexplained;
            }
        }

        foreach (var payments in rule.Payments)
        {
            if (!AnyIn(request.PaymentMethods, payments))
            {
                return explain
                    ? $"paid by {(request.PaymentMethods is { Count: > 0 } p ? string.Join(", ", p) : "(not given)")}, not {string.Join(" or ", payments.Order())}"
                    : unexplained;
            }
        }

        // Indexed loops, not foreach over the interface: a rule that does not apply must not allocate an enumerator.
        var conditions = d.Conditions;
        for (var n = 0; n < conditions.Count; n++)
        {
            string? failed = conditions[n] switch
            {
                TimeCondition { From: { } f, To: { } t } when TimeOnly.FromDateTime(local) is var time && (time < f || time >= t) =>
                    explain ? Invariant($"{time:HH\\:mm} is outside {f:HH\\:mm}–{t:HH\\:mm}") : unexplained,
                BirthdayCondition c => BirthdayFails(c, member.BirthDate, DateOnly.FromDateTime(local), explain),
                AttributeCondition c => member.Attributes?.TryGetValue(c.Name, out var v) == true && string.Equals(v, c.EqualTo, StringComparison.OrdinalIgnoreCase)
                    ? null : explain ? $"attribute {c.Name} is not '{c.EqualTo}'" : unexplained,
                FirstPurchaseCondition => member.FirstPurchase ? null : explain ? "not the member's first purchase" : unexplained,
                BasketCondition { MinEligibleAmount: { } min } when eligibleTotal < min =>
                    explain ? Invariant($"eligible amount {eligibleTotal:0.00} is below {min:0.00}") : unexplained,
                BasketCondition { MinItems: { } minItems } when items < minItems => explain ? Invariant($"{items:0.###} items, fewer than {minItems:0.###}") : unexplained,
                _ => null,
            };
            if (failed is not null)
            {
                return failed;
            }
        }

        return rule.ProductConditions > 0 && mask is null ? explain ? "no eligible line matches the product condition" : unexplained : null;
    }

    /// <summary>Whether the member's tier opens the rule before its start for everyone.</summary>
    private static bool OpensEarly(CompiledRule rule, EarnRequest request) =>
        rule.EarlyTiers is { } tiers && request.OccurredAtUtc >= rule.Rule.Early!.From && request.Member.Tier is { } tier && tiers.Contains(tier);

    private static bool AnyIn<T>(T? values, FrozenSet<string> set) where T : class, IEnumerable<string>
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
}
