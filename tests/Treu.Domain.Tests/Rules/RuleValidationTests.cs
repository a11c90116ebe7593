using Treu.Domain.Programs;
using Treu.Domain.Rules;
using static Treu.Domain.Tests.Rules.RuleFixtures;

namespace Treu.Domain.Tests.Rules;

/// <summary>What a loyalty manager is told when saving a rule that cannot work: the field's JSON path and why.</summary>
public sealed class RuleValidationTests
{
    private static readonly RuleDefinition BaseRate = Rule("Base rate", new PointsPerAmountEffect(1));

    private static void AssertProblem(RuleDefinition rule, string path, string message) =>
        Assert.Contains(new RuleProblem(path, message), RuleValidation.Validate(rule));

    private static void AssertNoProblem(RuleDefinition rule) => Assert.Empty(RuleValidation.Validate(rule));

    /// <summary>The demo program's rule set from issue 3, as a loyalty manager would write it.</summary>
    public static TheoryData<string> RealisticRules() => new(RealisticRuleSet.Select(r => r.Name));

    private static readonly RuleDefinition[] RealisticRuleSet =
    [
        Rule("Base rate", new PointsPerAmountEffect(1)),
        new()
        {
            Name = "5x on organic produce in March",
            Description = "Campaign: organic fruit and vegetables earn five times the points.",
            Priority = 10,
            ValidFrom = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            ValidTo = new DateTime(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc),
            Conditions = [new ProductCondition(Categories: ["organic"])],
            Effects = [new PointsPerAmountEffect(4, PointsRounding.Floor, MatchingLinesOnly: true)],
            Caps = new RuleCaps(PerMemberPerMonth: 5000, Budget: 1_000_000),
        },
        new()
        {
            Name = "Double points weekend",
            Conditions = [new TimeCondition(["sat", "sun"])],
            Effects = [new MultiplierEffect(2)],
        },
        new()
        {
            Name = "Extra 50 points for the first purchase in the app",
            Conditions = [new ChannelCondition(["app"]), new FirstPurchaseCondition()],
            Effects = [new BonusEffect(50)],
            Caps = new RuleCaps(TimesPerMember: 1),
        },
        new()
        {
            Name = "Birthday bonus",
            Stacking = Stacking.BestOfGroup,
            Group = "personal",
            Conditions = [new BirthdayCondition(7), new BasketCondition(MinEligibleAmount: 10m)],
            Effects = [new BonusEffect(100)],
            Caps = new RuleCaps(TimesPerMember: 1),
        },
        new()
        {
            Name = "Newsletter opt-in",
            Trigger = RuleTrigger.Event,
            EventType = "newsletter_opt_in",
            Conditions = [new SegmentCondition(["newsletter_target"])],
            Effects = [new BonusEffect(200)],
            Caps = new RuleCaps(TimesPerMember: 1),
        },
        new()
        {
            Name = "Lunch deal",
            Stacking = Stacking.Exclusive,
            Priority = 5,
            Conditions =
            [
                new StoreCondition(["store_berlin"]), new TimeCondition(["mon", "tue", "wed", "thu", "fri"], new TimeOnly(11, 30), new TimeOnly(14, 0)),
                new TierCondition(["gold"]), new AttributeCondition("employer", "acme"), new PaymentCondition(["app_wallet"]),
                new ProductCondition(Skus: ["sandwich-1"], Brands: ["Treu Kitchen"]), new BasketCondition(MinItems: 2),
            ],
            Effects = [new BonusEffect(5, PerMatchingItem: true), new CashbackEffect(2.5m)],
            Caps = new RuleCaps(PerTransaction: 50, PerMemberPerDay: 50, PerMemberPerWeek: 200, TimesPerMemberPerDay: 1),
        },
    ];

    [Theory]
    [MemberData(nameof(RealisticRules))]
    public void A_realistic_rule_has_no_problems(string name)
    {
        AssertNoProblem(RealisticRuleSet.Single(r => r.Name == name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A name that goes on and on and on and on and on and on and on and on and on and on and on and on and on")]
    public void A_rule_needs_a_name_of_at_most_100_characters(string name)
    {
        AssertProblem(BaseRate with { Name = name }, "name", "is required, at most 100 characters");
    }

    [Fact]
    public void A_description_is_at_most_1000_characters()
    {
        AssertProblem(BaseRate with { Description = new string('x', 1001) }, "description", "must be at most 1000 characters");
        AssertNoProblem(BaseRate with { Description = new string('x', 1000) });
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(-1001)]
    public void A_priority_is_between_minus_1000_and_1000(int priority)
    {
        AssertProblem(BaseRate with { Priority = priority }, "priority", "must be between -1000 and 1000");
        AssertNoProblem(BaseRate with { Priority = Math.Sign(priority) * 1000 });
    }

    [Fact]
    public void An_unknown_channel_is_named_with_the_known_ones()
    {
        var rule = BaseRate with { Conditions = [new ChannelCondition(["app", "kiosk"])] };

        Assert.Equal([new RuleProblem("conditions[0].in", "unknown channel 'kiosk'; known: store, webshop, app, admin, import")], RuleValidation.Validate(rule));
    }

    public static TheoryData<RuleCondition, string> EmptyLists() => new()
    {
        { new ChannelCondition([]), "conditions[0].in" },
        { new StoreCondition([]), "conditions[0].in" },
        { new TierCondition([]), "conditions[0].in" },
        { new SegmentCondition([]), "conditions[0].any" },
        { new PaymentCondition([]), "conditions[0].methods" },
        { new ChannelCondition(null!), "conditions[0].in" },
    };

    [Theory]
    [MemberData(nameof(EmptyLists))]
    public void A_condition_with_an_empty_list_would_match_nothing_and_is_refused(RuleCondition condition, string path)
    {
        AssertProblem(BaseRate with { Conditions = [condition] }, path, "needs at least one value");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a-store-id-that-is-much-too-long-to-be-a-real-store-id-in-any-system")]
    public void List_values_are_1_to_64_characters(string value)
    {
        AssertProblem(BaseRate with { Conditions = [new StoreCondition(["store_berlin", value])] }, "conditions[0].in", "values are 1 to 64 characters");
    }

    [Fact]
    public void Lists_sent_as_null_are_refused_by_name()
    {
        AssertProblem(BaseRate with { Effects = null! }, "effects", "a rule needs at least one effect");
        AssertProblem(BaseRate with { Conditions = null! }, "conditions", "must be a list (empty for none)");
    }

    [Fact]
    public void A_list_of_more_than_1000_values_is_refused()
    {
        var stores = Enumerable.Range(1, 1001).Select(i => $"store_{i}").ToList();

        AssertProblem(BaseRate with { Conditions = [new StoreCondition(stores)] }, "conditions[0].in", "at most 1000 values");
        AssertNoProblem(BaseRate with { Conditions = [new StoreCondition(stores[..1000])] });
    }

    [Fact]
    public void A_time_condition_needs_weekdays_or_a_daily_window()
    {
        AssertProblem(BaseRate with { Conditions = [new TimeCondition()] }, "conditions[0]", "give weekdays, a from/to window, or both");
    }

    [Fact]
    public void An_unknown_weekday_is_named_with_the_ones_to_use()
    {
        AssertProblem(BaseRate with { Conditions = [new TimeCondition(["sat", "Sunday"])] }, "conditions[0].weekdays",
            "unknown weekday 'Sunday'; use mon, tue, wed, thu, fri, sat, sun");
    }

    [Fact]
    public void An_empty_weekday_list_matches_no_day_and_is_refused()
    {
        AssertProblem(BaseRate with { Conditions = [new TimeCondition([])] }, "conditions[0].weekdays", "an empty list matches no day");
    }

    [Fact]
    public void A_daily_window_needs_both_ends()
    {
        AssertProblem(BaseRate with { Conditions = [new TimeCondition(From: new TimeOnly(9, 0))] }, "conditions[0].to", "from and to go together");
        AssertProblem(BaseRate with { Conditions = [new TimeCondition(To: new TimeOnly(9, 0))] }, "conditions[0].to", "from and to go together");
    }

    [Theory]
    [InlineData(18, 9)]
    [InlineData(9, 9)]
    public void An_impossible_daily_window_is_refused(int fromHour, int toHour)
    {
        var rule = BaseRate with { Conditions = [new ChannelCondition(["app"]), new TimeCondition(From: new TimeOnly(fromHour, 0), To: new TimeOnly(toHour, 0))] };

        AssertProblem(rule, "conditions[1].to", "must be after from: the daily window is empty");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(32)]
    public void A_birthday_window_is_0_to_31_days(int days)
    {
        AssertProblem(BaseRate with { Conditions = [new BirthdayCondition(days)] }, "conditions[0].withinDays", "must be between 0 and 31");
        AssertNoProblem(BaseRate with { Conditions = [new BirthdayCondition(days < 0 ? 0 : 31)] });
    }

    [Fact]
    public void An_attribute_condition_needs_a_name_and_a_value()
    {
        var problems = RuleValidation.Validate(BaseRate with { Conditions = [new AttributeCondition(" ", null!)] });

        Assert.Equal(
            [new RuleProblem("conditions[0].name", "is required, at most 64 characters"), new RuleProblem("conditions[0].equalTo", "is required, at most 200 characters")],
            problems);
        AssertNoProblem(BaseRate with { Conditions = [new AttributeCondition("employer", "")] });
    }

    [Fact]
    public void A_basket_condition_needs_a_minimum()
    {
        AssertProblem(BaseRate with { Conditions = [new BasketCondition()] }, "conditions[0]", "give minEligibleAmount, minItems or both");
    }

    [Fact]
    public void Basket_minimums_cannot_be_negative()
    {
        AssertProblem(BaseRate with { Conditions = [new BasketCondition(MinEligibleAmount: -1m)] }, "conditions[0]", "minimums cannot be negative");
        AssertProblem(BaseRate with { Conditions = [new BasketCondition(MinItems: -2m)] }, "conditions[0]", "minimums cannot be negative");
        AssertNoProblem(BaseRate with { Conditions = [new BasketCondition(MinEligibleAmount: 0m, MinItems: 0m)] });
    }

    [Fact]
    public void A_product_condition_needs_skus_categories_or_brands()
    {
        AssertProblem(BaseRate with { Conditions = [new ProductCondition()] }, "conditions[0]", "give skus, categories or brands");
        AssertProblem(BaseRate with { Conditions = [new ProductCondition([], [], [])] }, "conditions[0]", "give skus, categories or brands");
        AssertNoProblem(BaseRate with { Conditions = [new ProductCondition(Skus: [], Categories: ["organic"])] });
    }

    [Fact]
    public void Product_values_are_1_to_64_characters()
    {
        AssertProblem(BaseRate with { Conditions = [new ProductCondition(Brands: ["Acme", ""])] }, "conditions[0].brands", "values are 1 to 64 characters");
    }

    [Fact]
    public void A_rule_has_at_most_20_conditions()
    {
        var conditions = Enumerable.Range(0, 21).Select(_ => (RuleCondition)new ChannelCondition(["app"])).ToList();

        AssertProblem(BaseRate with { Conditions = conditions }, "conditions", "at most 20");
        AssertNoProblem(BaseRate with { Conditions = conditions[..20] });
    }

    [Fact]
    public void A_missing_condition_or_effect_is_reported_at_its_place_in_the_list()
    {
        var rule = BaseRate with { Conditions = [new ChannelCondition(["app"]), null!], Effects = [new BonusEffect(10), null!] };

        AssertProblem(rule, "conditions[1]", "must be an object with a type");
        AssertProblem(rule, "effects[1]", "must be an object with a type");
    }

    [Fact]
    public void A_rule_needs_at_least_one_effect()
    {
        AssertProblem(BaseRate with { Effects = [] }, "effects", "a rule needs at least one effect");
    }

    [Fact]
    public void A_rule_has_at_most_10_effects()
    {
        var effects = Enumerable.Range(1, 11).Select(i => (RuleEffect)new BonusEffect(i)).ToList();

        AssertProblem(BaseRate with { Effects = effects }, "effects", "at most 10");
        AssertNoProblem(BaseRate with { Effects = effects[..10] });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-0.01)]
    [InlineData(1000.01)]
    public void A_rate_must_be_more_than_0_and_at_most_1000(double rate)
    {
        AssertProblem(Rule("Rate", new PointsPerAmountEffect((decimal)rate)), "effects[0].rate", "must be more than 0 and at most 1000 points per currency unit");
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1000)]
    public void A_small_or_large_rate_within_bounds_is_fine(double rate)
    {
        AssertNoProblem(Rule("Rate", new PointsPerAmountEffect((decimal)rate)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0.5)]
    [InlineData(0)]
    [InlineData(100.5)]
    public void A_multiplier_must_be_more_than_1_and_at_most_100(double factor)
    {
        AssertProblem(Rule("Multiplier", new MultiplierEffect((decimal)factor)), "effects[0].factor", "must be more than 1 and at most 100");
    }

    [Fact]
    public void A_multiplier_of_one_and_a_half_is_fine()
    {
        AssertNoProblem(Rule("Multiplier", new MultiplierEffect(1.5m)));
    }

    [Fact]
    public void A_multiplier_is_the_only_effect_of_its_rule()
    {
        AssertProblem(Rule("Multiplier and bonus", new MultiplierEffect(2), new BonusEffect(10)), "effects",
            "a multiplier is the only effect of its rule: it multiplies what the other rules give");
        AssertProblem(Rule("Two multipliers", new MultiplierEffect(2), new MultiplierEffect(3)), "effects",
            "a multiplier is the only effect of its rule: it multiplies what the other rules give");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-50)]
    [InlineData(1_000_001)]
    public void A_bonus_is_between_1_and_a_million_points(long points)
    {
        AssertProblem(Rule("Bonus", new BonusEffect(points)), "effects[0].points", "must be between 1 and 1,000,000");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(100.01)]
    public void A_cashback_is_more_than_0_and_at_most_100_percent(double percent)
    {
        AssertProblem(Rule("Cashback", new CashbackEffect((decimal)percent)), "effects[0].percent", "must be more than 0 and at most 100");
    }

    [Fact]
    public void Points_on_matching_lines_only_need_a_product_condition_that_says_which_lines_match()
    {
        var rule = Rule("Organic", new PointsPerAmountEffect(2, MatchingLinesOnly: true)) with { Conditions = [new ChannelCondition(["app"])] };

        AssertProblem(rule, "effects[0].matchingLinesOnly", "needs a product condition that says which lines match");
        AssertNoProblem(rule with { Conditions = [new ProductCondition(Categories: ["organic"])] });
    }

    [Fact]
    public void A_bonus_per_matching_item_needs_a_product_condition_that_says_which_items_match()
    {
        var rule = Rule("Per item", new BonusEffect(5, PerMatchingItem: true));

        AssertProblem(rule, "effects[0].perMatchingItem", "needs a product condition that says which items match");
        AssertNoProblem(rule with { Conditions = [new ProductCondition(Skus: ["coffee-1"])] });
    }

    [Fact]
    public void An_event_rule_needs_an_event_type()
    {
        var rule = Rule("Opt-in", new BonusEffect(200)) with { Trigger = RuleTrigger.Event };

        AssertProblem(rule, "eventType", "is required for a rule triggered by an event");
        AssertProblem(rule with { EventType = " " }, "eventType", "is required for a rule triggered by an event");
    }

    [Fact]
    public void Only_an_event_rule_has_an_event_type()
    {
        AssertProblem(BaseRate with { EventType = "newsletter_opt_in" }, "eventType", "only an event rule has an event type");
    }

    [Fact]
    public void An_event_type_is_at_most_64_characters()
    {
        var rule = Rule("Opt-in", new BonusEffect(200)) with { Trigger = RuleTrigger.Event, EventType = new string('e', 65) };

        AssertProblem(rule, "eventType", "must be at most 64 characters");
        AssertNoProblem(rule with { EventType = new string('e', 64) });
    }

    public static TheoryData<RuleCondition> BasketConditions() => new()
    {
        new BasketCondition(MinEligibleAmount: 10m),
        new ProductCondition(Categories: ["organic"]),
        new PaymentCondition(["card"]),
        new FirstPurchaseCondition(),
    };

    [Theory]
    [MemberData(nameof(BasketConditions))]
    public void An_event_rule_cannot_look_at_a_basket(RuleCondition condition)
    {
        var rule = Rule("Review bonus", new BonusEffect(20)) with
        {
            Trigger = RuleTrigger.Event,
            EventType = "product_review",
            Conditions = [new ChannelCondition(["app"]), condition],
        };

        AssertProblem(rule, "conditions[1]", "an event has no basket: this condition applies to purchases only");
    }

    public static TheoryData<RuleEffect> AmountEffects() => new()
    {
        new PointsPerAmountEffect(1),
        new CashbackEffect(2),
        new MultiplierEffect(2),
    };

    [Theory]
    [MemberData(nameof(AmountEffects))]
    public void An_event_rule_gives_a_bonus_because_an_event_has_no_amount(RuleEffect effect)
    {
        var rule = Rule("Survey", effect) with { Trigger = RuleTrigger.Event, EventType = "survey_answered" };

        AssertProblem(rule, "effects[0]", "an event has no amount: give a bonus");
    }

    [Fact]
    public void An_event_rule_can_look_at_the_member()
    {
        var rule = Rule("Birthday survey", new BonusEffect(20)) with
        {
            Trigger = RuleTrigger.Event,
            EventType = "survey_answered",
            Conditions = [new BirthdayCondition(3), new TierCondition(["gold"]), new SegmentCondition(["students"]), new AttributeCondition("city", "Berlin")],
        };

        AssertNoProblem(rule);
    }

    [Fact]
    public void Best_of_group_needs_a_group()
    {
        AssertProblem(BaseRate with { Stacking = Stacking.BestOfGroup }, "group", "is required when stacking is best_of_group");
        AssertProblem(BaseRate with { Stacking = Stacking.BestOfGroup, Group = "" }, "group", "is required when stacking is best_of_group");
        AssertNoProblem(BaseRate with { Stacking = Stacking.BestOfGroup, Group = "welcome" });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_validity_window_must_end_after_it_starts(int days)
    {
        var from = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);

        AssertProblem(BaseRate with { ValidFrom = from, ValidTo = from.AddDays(days) }, "validTo", "must be after validFrom: the window is empty");
    }

    [Fact]
    public void A_validity_window_open_on_one_side_is_fine()
    {
        AssertNoProblem(BaseRate with { ValidFrom = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc) });
        AssertNoProblem(BaseRate with { ValidTo = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc) });
    }

    [Theory]
    [InlineData("perTransaction", 0)]
    [InlineData("perMemberPerDay", 0)]
    [InlineData("perMemberPerWeek", -1)]
    [InlineData("perMemberPerMonth", 0)]
    [InlineData("budget", -100)]
    [InlineData("timesPerMember", 0)]
    [InlineData("timesPerMemberPerDay", -1)]
    public void Every_cap_must_be_a_positive_number(string cap, int value)
    {
        var caps = cap switch
        {
            "perTransaction" => new RuleCaps(PerTransaction: value),
            "perMemberPerDay" => new RuleCaps(PerMemberPerDay: value),
            "perMemberPerWeek" => new RuleCaps(PerMemberPerWeek: value),
            "perMemberPerMonth" => new RuleCaps(PerMemberPerMonth: value),
            "budget" => new RuleCaps(Budget: value),
            "timesPerMember" => new RuleCaps(TimesPerMember: value),
            _ => new RuleCaps(TimesPerMemberPerDay: value),
        };

        Assert.Equal([new RuleProblem($"caps.{cap}", "must be a positive number (leave it out for no cap)")], RuleValidation.Validate(BaseRate with { Caps = caps }));
    }

    [Fact]
    public void Every_problem_of_a_rule_is_reported_at_once()
    {
        var rule = new RuleDefinition
        {
            Name = "",
            Stacking = Stacking.BestOfGroup,
            Conditions = [new ChannelCondition(["kiosk"]), new TimeCondition(From: new TimeOnly(20, 0), To: new TimeOnly(8, 0))],
            Effects = [new PointsPerAmountEffect(-1)],
            Caps = new RuleCaps(Budget: 0),
        };

        Assert.Equal(["name", "group", "conditions[0].in", "conditions[1].to", "effects[0].rate", "caps.budget"], RuleValidation.Validate(rule).Select(p => p.Path));
    }

    [Fact]
    public void An_exclusive_multiplier_is_refused_on_save()
    {
        var problems = RuleValidation.Validate(Rule("Double", new MultiplierEffect(2)) with { Stacking = Stacking.Exclusive });

        Assert.Contains(problems, p => p.Path == "stacking");
    }
}
