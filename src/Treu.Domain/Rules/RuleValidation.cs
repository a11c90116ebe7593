namespace Treu.Domain.Rules;

/// <summary>
/// Checks a rule before it is saved, so that what the engine evaluates is always meaningful: no impossible
/// window, no negative rate, no effect a trigger cannot have.
/// </summary>
public static class RuleValidation
{
    public static readonly string[] Channels = ["store", "webshop", "app", "admin", "import"];
    public static readonly string[] Weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    public const int MaxConditions = 20;
    public const int MaxEffects = 10;
    public const int MaxListItems = 1000;

    public static IReadOnlyList<RuleProblem> Validate(RuleDefinition rule)
    {
        var problems = new List<RuleProblem>();
        void Add(string path, string message) => problems.Add(new RuleProblem(path, message));

        if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > 100)
        {
            Add("name", "is required, at most 100 characters");
        }

        if (rule.Description is { Length: > 1000 })
        {
            Add("description", "must be at most 1000 characters");
        }

        if (rule.Priority is < -1000 or > 1000)
        {
            Add("priority", "must be between -1000 and 1000");
        }

        if (rule.Trigger == RuleTrigger.Event && string.IsNullOrWhiteSpace(rule.EventType))
        {
            Add("eventType", "is required for a rule triggered by an event");
        }

        if (rule.Trigger == RuleTrigger.Purchase && rule.EventType is not null)
        {
            Add("eventType", "only an event rule has an event type");
        }

        if (rule.EventType is { Length: > 64 })
        {
            Add("eventType", "must be at most 64 characters");
        }

        if (rule.Stacking == Stacking.BestOfGroup && string.IsNullOrWhiteSpace(rule.Group))
        {
            Add("group", "is required when stacking is best_of_group");
        }

        if (rule.ValidFrom is { } from && rule.ValidTo is { } to && from >= to)
        {
            Add("validTo", "must be after validFrom: the window is empty");
        }

        // JSON can send null for a list; it is refused here like an empty one, not read as nothing further on.
        var conditions = rule.Conditions ?? [];
        var effects = rule.Effects ?? [];
        if (rule.Conditions is null)
        {
            Add("conditions", "must be a list (empty for none)");
        }

        if (conditions.Count > MaxConditions)
        {
            Add("conditions", $"at most {MaxConditions}");
        }

        for (var i = 0; i < Math.Min(conditions.Count, MaxConditions); i++)
        {
            Condition(rule, conditions[i], $"conditions[{i}]", Add);
        }

        if (effects.Count == 0)
        {
            Add("effects", "a rule needs at least one effect");
        }

        if (effects.Count > MaxEffects)
        {
            Add("effects", $"at most {MaxEffects}");
        }

        if (effects.Any(e => e is MultiplierEffect) && effects.Count > 1)
        {
            Add("effects", "a multiplier is the only effect of its rule: it multiplies what the other rules give");
        }

        if (effects.Any(e => e is MultiplierEffect) && rule.Stacking == Stacking.Exclusive)
        {
            Add("stacking", "a multiplier cannot be exclusive: it multiplies what the other rules give, and an exclusive rule removes them");
        }

        for (var i = 0; i < Math.Min(effects.Count, MaxEffects); i++)
        {
            Effect(rule, effects[i], $"effects[{i}]", Add);
        }

        Caps(rule.Caps, Add);
        return problems;
    }

    private static void Condition(RuleDefinition rule, RuleCondition? condition, string at, Action<string, string> add)
    {
        switch (condition)
        {
            case null:
                add(at, "must be an object with a type");
                break;
            case ChannelCondition c:
                List(c.In, $"{at}.in", add);
                foreach (var channel in c.In ?? [])
                {
                    if (!Channels.Contains(channel))
                    {
                        add($"{at}.in", $"unknown channel '{channel}'; known: {string.Join(", ", Channels)}");
                    }
                }

                break;
            case StoreCondition c:
                List(c.In, $"{at}.in", add);
                break;
            case TimeCondition c:
                if (c.Weekdays is null && c.From is null && c.To is null)
                {
                    add(at, "give weekdays, a from/to window, or both");
                }

                foreach (var day in c.Weekdays ?? [])
                {
                    if (!Weekdays.Contains(day))
                    {
                        add($"{at}.weekdays", $"unknown weekday '{day}'; use {string.Join(", ", Weekdays)}");
                    }
                }

                if (c.Weekdays is { Count: 0 })
                {
                    add($"{at}.weekdays", "an empty list matches no day");
                }

                if ((c.From is null) != (c.To is null))
                {
                    add($"{at}.to", "from and to go together");
                }
                else if (c.From is { } from && c.To is { } to && from >= to)
                {
                    add($"{at}.to", "must be after from: the daily window is empty");
                }

                break;
            case TierCondition c:
                List(c.In, $"{at}.in", add);
                break;
            case SegmentCondition c:
                List(c.Any, $"{at}.any", add);
                break;
            case BirthdayCondition c:
                if (c.WithinDays is < 0 or > 31)
                {
                    add($"{at}.withinDays", "must be between 0 and 31");
                }

                break;
            case AttributeCondition c:
                if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 64)
                {
                    add($"{at}.name", "is required, at most 64 characters");
                }

                if (c.EqualTo is null || c.EqualTo.Length > 200)
                {
                    add($"{at}.equalTo", "is required, at most 200 characters");
                }

                break;
            case FirstPurchaseCondition:
                break;
            case BasketCondition c:
                if (c.MinEligibleAmount is null && c.MinItems is null)
                {
                    add(at, "give minEligibleAmount, minItems or both");
                }

                if (c.MinEligibleAmount is < 0 || c.MinItems is < 0)
                {
                    add(at, "minimums cannot be negative");
                }

                break;
            case ProductCondition c:
                if ((c.Skus?.Count ?? 0) + (c.Categories?.Count ?? 0) + (c.Brands?.Count ?? 0) == 0)
                {
                    add(at, "give skus, categories or brands");
                }

                foreach (var (list, name) in new[] { (c.Skus, "skus"), (c.Categories, "categories"), (c.Brands, "brands") })
                {
                    if (list is not null)
                    {
                        List(list, $"{at}.{name}", add, allowEmpty: true);
                    }
                }

                break;
            case PaymentCondition c:
                List(c.Methods, $"{at}.methods", add);
                break;
        }

        if (rule.Trigger == RuleTrigger.Event && condition is BasketCondition or ProductCondition or PaymentCondition or FirstPurchaseCondition)
        {
            add(at, "an event has no basket: this condition applies to purchases only");
        }
    }

    private static void Effect(RuleDefinition rule, RuleEffect? effect, string at, Action<string, string> add)
    {
        switch (effect)
        {
            case null:
                add(at, "must be an object with a type");
                break;
            case PointsPerAmountEffect e:
                if (e.Rate is <= 0 or > 1000)
                {
                    add($"{at}.rate", "must be more than 0 and at most 1000 points per currency unit");
                }

                if (e.MatchingLinesOnly && !rule.Conditions.Any(c => c is ProductCondition))
                {
                    add($"{at}.matchingLinesOnly", "needs a product condition that says which lines match");
                }

                break;
            case MultiplierEffect e:
                if (e.Factor is <= 1 or > 100)
                {
                    add($"{at}.factor", "must be more than 1 and at most 100");
                }

                break;
            case BonusEffect e:
                if (e.Points is <= 0 or > 1_000_000)
                {
                    add($"{at}.points", "must be between 1 and 1,000,000");
                }

                if (e.PerMatchingItem && !rule.Conditions.Any(c => c is ProductCondition))
                {
                    add($"{at}.perMatchingItem", "needs a product condition that says which items match");
                }

                break;
            case CashbackEffect e:
                if (e.Percent is <= 0 or > 100)
                {
                    add($"{at}.percent", "must be more than 0 and at most 100");
                }

                break;
        }

        if (rule.Trigger == RuleTrigger.Event && effect is PointsPerAmountEffect or CashbackEffect or MultiplierEffect)
        {
            add(at, "an event has no amount: give a bonus");
        }
    }

    private static void Caps(RuleCaps? caps, Action<string, string> add)
    {
        if (caps is null)
        {
            return;
        }

        foreach (var (value, name) in new (long?, string)[]
                 {
                     (caps.PerTransaction, "perTransaction"), (caps.PerMemberPerDay, "perMemberPerDay"), (caps.PerMemberPerWeek, "perMemberPerWeek"),
                     (caps.PerMemberPerMonth, "perMemberPerMonth"), (caps.Budget, "budget"), (caps.TimesPerMember, "timesPerMember"),
                     (caps.TimesPerMemberPerDay, "timesPerMemberPerDay"),
                 })
        {
            if (value is <= 0)
            {
                add($"caps.{name}", "must be a positive number (leave it out for no cap)");
            }
        }
    }

    private static void List(IReadOnlyList<string>? values, string at, Action<string, string> add, bool allowEmpty = false)
    {
        if (values is null || (!allowEmpty && values.Count == 0))
        {
            add(at, "needs at least one value");
            return;
        }

        if (values.Count > MaxListItems)
        {
            add(at, $"at most {MaxListItems} values");
        }

        if (values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 64))
        {
            add(at, "values are 1 to 64 characters");
        }
    }
}
