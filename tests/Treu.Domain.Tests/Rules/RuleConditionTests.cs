using System.Globalization;
using Treu.Domain.Rules;
using static Treu.Domain.Tests.Rules.RuleFixtures;

namespace Treu.Domain.Tests.Rules;

/// <summary>Each kind of condition: when it holds the rule gives its points; when not, the preview names what failed.</summary>
public sealed class RuleConditionTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly EarnRequest Basket = Purchase(Line(1, 20.00m, category: "organic", brand: "Demeter"), Line(2, 30.00m, category: "meat", sku: "steak-1"));

    /// <summary>A 10-point bonus under the given conditions, evaluated alone.</summary>
    private static RuleOutcome Bonus(EarnRequest request, params RuleCondition[] conditions) =>
        Evaluate(request, Rule("Bonus", new BonusEffect(10)) with { Conditions = conditions }).Of("Bonus");

    private static void AssertApplies(RuleOutcome outcome)
    {
        Assert.True(outcome.Applied, outcome.Reason);
        Assert.Equal(10, outcome.Points);
        Assert.Null(outcome.Reason);
    }

    private static void AssertFails(RuleOutcome outcome, string reason)
    {
        Assert.False(outcome.Applied);
        Assert.Equal(0, outcome.Points);
        Assert.Empty(outcome.Lines);
        Assert.Equal(reason, outcome.Reason);
    }

    /// <summary>The reason starts by naming the failing fact (the day); how it lists the rule's own values may vary.</summary>
    private static void AssertFailsBecause(RuleOutcome outcome, string reasonStart)
    {
        Assert.False(outcome.Applied);
        Assert.Equal(0, outcome.Points);
        Assert.StartsWith(reasonStart, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_condition_holds_only_on_its_channels()
    {
        AssertApplies(Bonus(Basket with { Channel = "app" }, new ChannelCondition(["app", "webshop"])));
        AssertFails(Bonus(Basket with { Channel = "store" }, new ChannelCondition(["app", "webshop"])), "channel is store, not app or webshop");
    }

    [Fact]
    public void A_store_condition_holds_only_in_its_stores()
    {
        AssertApplies(Bonus(Basket with { StoreId = "store_berlin" }, new StoreCondition(["store_munich", "store_berlin"])));
        AssertFails(Bonus(Basket with { StoreId = "store_hamburg" }, new StoreCondition(["store_berlin", "store_munich"])),
            "store store_hamburg is not among store_berlin, store_munich");
    }

    [Fact]
    public void A_purchase_without_a_store_does_not_meet_a_store_condition()
    {
        AssertFails(Bonus(Basket with { Channel = "webshop", StoreId = null }, new StoreCondition(["store_berlin"])), "store (none) is not among store_berlin");
    }

    [Fact]
    public void A_weekday_condition_holds_on_its_days_only()
    {
        AssertApplies(Bonus(Basket, new TimeCondition(["sat", "sun"])));
        AssertFailsBecause(Bonus(Basket, new TimeCondition(["mon", "tue", "wed", "thu", "fri"])), "sat is not among");
    }

    [Fact]
    public void A_daily_window_includes_its_start_and_excludes_its_end()
    {
        var lunch = new TimeCondition(From: new TimeOnly(11, 30), To: new TimeOnly(14, 0));
        var day = new DateTime(2025, 1, 13, 0, 0, 0, DateTimeKind.Utc);

        AssertApplies(Bonus(Basket with { OccurredAtUtc = day.AddHours(11.5) }, lunch));
        AssertApplies(Bonus(Basket with { OccurredAtUtc = day.AddHours(13).AddMinutes(59) }, lunch));
        AssertFails(Bonus(Basket with { OccurredAtUtc = day.AddHours(14) }, lunch), "14:00 is outside 11:30–14:00");
        AssertFails(Bonus(Basket with { OccurredAtUtc = day.AddHours(11).AddMinutes(29) }, lunch), "11:29 is outside 11:30–14:00");
    }

    [Fact]
    public void Weekday_and_window_must_both_hold()
    {
        var weekdayLunch = new TimeCondition(["mon", "tue", "wed", "thu", "fri"], new TimeOnly(11, 30), new TimeOnly(14, 0));

        AssertApplies(Bonus(Basket with { OccurredAtUtc = new DateTime(2025, 1, 13, 12, 0, 0, DateTimeKind.Utc) }, weekdayLunch));
        AssertFailsBecause(Bonus(Basket with { OccurredAtUtc = new DateTime(2025, 1, 11, 12, 0, 0, DateTimeKind.Utc) }, weekdayLunch), "sat is not among");
        AssertFails(Bonus(Basket with { OccurredAtUtc = new DateTime(2025, 1, 13, 15, 0, 0, DateTimeKind.Utc) }, weekdayLunch), "15:00 is outside 11:30–14:00");
    }

    [Fact]
    public void A_purchase_at_half_past_eleven_on_saturday_utc_is_a_sunday_purchase_in_berlin()
    {
        var sundayInBerlin = Basket with { OccurredAtUtc = new DateTime(2025, 1, 11, 23, 30, 0, DateTimeKind.Utc), TimeZone = Berlin };

        AssertApplies(Bonus(sundayInBerlin, new TimeCondition(["sun"])));
        AssertApplies(Bonus(sundayInBerlin, new TimeCondition(From: new TimeOnly(0, 0), To: new TimeOnly(1, 0))));
        AssertFailsBecause(Bonus(sundayInBerlin, new TimeCondition(["sat"])), "sun is not among");
        AssertFailsBecause(Bonus(sundayInBerlin with { TimeZone = null }, new TimeCondition(["sun"])), "sat is not among");
    }

    [Fact]
    public void A_summer_evening_is_judged_in_local_summer_time()
    {
        // 16:30 UTC in July is 18:30 in Berlin (UTC+2): after a 17:00–20:00 happy hour started.
        var evening = Basket with { OccurredAtUtc = new DateTime(2025, 7, 16, 16, 30, 0, DateTimeKind.Utc), TimeZone = Berlin };
        var happyHour = new TimeCondition(From: new TimeOnly(17, 0), To: new TimeOnly(20, 0));

        AssertApplies(Bonus(evening, happyHour));
        AssertFails(Bonus(evening with { TimeZone = TimeZoneInfo.Utc }, happyHour), "16:30 is outside 17:00–20:00");
    }

    [Fact]
    public void A_tier_condition_holds_for_the_members_of_its_tiers()
    {
        AssertApplies(Bonus(Basket with { Member = new MemberFacts(Tier: "Gold") }, new TierCondition(["gold", "platinum"])));
        AssertFails(Bonus(Basket with { Member = new MemberFacts(Tier: "silver") }, new TierCondition(["gold", "platinum"])), "tier is silver, not gold or platinum");
        AssertFails(Bonus(Basket, new TierCondition(["gold"])), "tier is (none), not gold");
    }

    [Fact]
    public void A_segment_condition_holds_for_a_member_in_any_of_its_segments()
    {
        AssertApplies(Bonus(Basket with { Member = new MemberFacts(Segments: ["vegan", "Students"]) }, new SegmentCondition(["staff", "students"])));
        AssertFails(Bonus(Basket with { Member = new MemberFacts(Segments: ["vegan"]) }, new SegmentCondition(["staff", "students"])),
            "member is in none of the segments staff, students");
        AssertFails(Bonus(Basket, new SegmentCondition(["students"])), "member is in none of the segments students");
    }

    [Theory]
    [InlineData("2025-06-10", "1990-06-13", 3, true)]
    [InlineData("2025-06-16", "1990-06-13", 3, true)]
    [InlineData("2025-06-17", "1990-06-13", 3, false)]
    [InlineData("2025-12-30", "1990-01-02", 3, true)]
    [InlineData("2026-01-02", "1990-12-30", 3, true)]
    [InlineData("2025-12-29", "1990-01-02", 3, false)]
    [InlineData("2025-02-28", "2000-02-29", 0, true)]
    [InlineData("2025-03-01", "2000-02-29", 0, false)]
    [InlineData("2025-03-01", "2000-02-29", 1, true)]
    [InlineData("2028-02-29", "2000-02-29", 0, true)]
    [InlineData("2028-02-28", "2000-02-29", 0, false)]
    public void A_birthday_condition_holds_within_its_days_around_the_birthday(string today, string birthDate, int withinDays, bool holds)
    {
        var purchase = Basket with
        {
            OccurredAtUtc = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            Member = new MemberFacts(BirthDate: DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture)),
        };

        var outcome = Bonus(purchase, new BirthdayCondition(withinDays));

        Assert.True(holds == outcome.Applied, outcome.Reason);
    }

    [Fact]
    public void A_birthday_too_far_away_says_how_far()
    {
        var purchase = Basket with { OccurredAtUtc = new DateTime(2025, 6, 8, 12, 0, 0, DateTimeKind.Utc), Member = new MemberFacts(BirthDate: new DateOnly(1990, 6, 13)) };

        AssertFails(Bonus(purchase, new BirthdayCondition(3)), "birthday is 5 days away, more than 3");
        AssertFails(Bonus(Basket, new BirthdayCondition(3)), "no birth date on record");
    }

    [Fact]
    public void A_birthday_is_counted_on_the_local_date()
    {
        // 23:30 UTC on 12 June is already 13 June in Berlin: the birthday itself.
        var purchase = Basket with
        {
            OccurredAtUtc = new DateTime(2025, 6, 12, 23, 30, 0, DateTimeKind.Utc),
            TimeZone = Berlin,
            Member = new MemberFacts(BirthDate: new DateOnly(1990, 6, 13)),
        };

        AssertApplies(Bonus(purchase, new BirthdayCondition(0)));
        AssertFails(Bonus(purchase with { TimeZone = null }, new BirthdayCondition(0)), "birthday is 1 days away, more than 0");
    }

    [Fact]
    public void An_attribute_condition_holds_when_the_member_attribute_has_the_value()
    {
        var acme = new AttributeCondition("employer", "acme");

        AssertApplies(Bonus(Basket with { Member = new MemberFacts(Attributes: new Dictionary<string, string> { ["employer"] = "ACME" }) }, acme));
        AssertFails(Bonus(Basket with { Member = new MemberFacts(Attributes: new Dictionary<string, string> { ["employer"] = "globex" }) }, acme),
            "attribute employer is not 'acme'");
        AssertFails(Bonus(Basket, acme), "attribute employer is not 'acme'");
    }

    [Fact]
    public void A_first_purchase_condition_holds_only_on_the_first_purchase()
    {
        AssertApplies(Bonus(Basket with { Member = new MemberFacts(FirstPurchase: true) }, new FirstPurchaseCondition()));
        AssertFails(Bonus(Basket, new FirstPurchaseCondition()), "not the member's first purchase");
    }

    [Fact]
    public void A_basket_minimum_amount_counts_the_eligible_amount()
    {
        AssertApplies(Bonus(Basket, new BasketCondition(MinEligibleAmount: 50.00m)));
        AssertFails(Bonus(Purchase(Line(1, 19.99m)), new BasketCondition(MinEligibleAmount: 20m)), "eligible amount 19.99 is below 20.00");
    }

    [Fact]
    public void A_basket_minimum_item_count_counts_the_quantities()
    {
        AssertApplies(Bonus(Purchase(Line(1, 5m, quantity: 2), Line(2, 5m)), new BasketCondition(MinItems: 3)));
        AssertFails(Bonus(Purchase(Line(1, 5m, quantity: 2)), new BasketCondition(MinItems: 3)), "2 items, fewer than 3");
    }

    [Fact]
    public void A_product_condition_holds_when_a_line_matches_by_sku_category_or_brand()
    {
        AssertApplies(Bonus(Basket, new ProductCondition(Skus: ["steak-1"])));
        AssertApplies(Bonus(Basket, new ProductCondition(Categories: ["ORGANIC"])));
        AssertApplies(Bonus(Basket, new ProductCondition(Brands: ["demeter"])));
        AssertApplies(Bonus(Basket, new ProductCondition(Skus: ["nothing"], Categories: ["meat"])));
        AssertFails(Bonus(Basket, new ProductCondition(Categories: ["wine"])), "no eligible line matches the product condition");
    }

    [Fact]
    public void A_sku_matches_exactly_as_written()
    {
        AssertFails(Bonus(Basket, new ProductCondition(Skus: ["STEAK-1"])), "no eligible line matches the product condition");
    }

    [Fact]
    public void A_matching_line_with_nothing_eligible_does_not_meet_a_product_condition()
    {
        // The organic line was paid entirely with points: it earns nothing, and cannot qualify the basket.
        var paidWithPoints = Purchase(Line(1, 0m, category: "organic"), Line(2, 30m, category: "meat"));

        AssertFails(Bonus(paidWithPoints, new ProductCondition(Categories: ["organic"])), "no eligible line matches the product condition");
    }

    [Fact]
    public void Two_product_conditions_must_match_the_same_line()
    {
        var organicDemeter = new[] { new ProductCondition(Categories: ["organic"]), new ProductCondition(Brands: ["Demeter"]) };
        var organicAcme = new[] { new ProductCondition(Categories: ["organic"]), new ProductCondition(Brands: ["Acme"]) };

        AssertApplies(Bonus(Basket, organicDemeter));
        AssertFails(Bonus(Purchase(Line(1, 20m, category: "organic"), Line(2, 5m, brand: "Demeter")), organicDemeter), "no eligible line matches the product condition");
        AssertFails(Bonus(Basket, organicAcme), "no eligible line matches the product condition");
    }

    [Fact]
    public void A_payment_condition_holds_when_any_payment_method_is_among_its_methods()
    {
        AssertApplies(Bonus(Basket with { PaymentMethods = ["points", "App_Wallet"] }, new PaymentCondition(["app_wallet"])));
        AssertFails(Bonus(Basket with { PaymentMethods = ["card", "cash"] }, new PaymentCondition(["app_wallet", "voucher"])), "paid by card, cash, not app_wallet or voucher");
        AssertFails(Bonus(Basket, new PaymentCondition(["app_wallet"])), "paid by (not given), not app_wallet");
    }

    [Fact]
    public void A_rule_applies_from_its_start_and_until_just_before_its_end()
    {
        var start = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var march = Rule("March", new BonusEffect(10)) with { ValidFrom = start, ValidTo = end };

        Assert.True(Evaluate(Basket with { OccurredAtUtc = start }, march).Of("March").Applied);
        Assert.True(Evaluate(Basket with { OccurredAtUtc = end.AddSeconds(-1) }, march).Of("March").Applied);
        AssertFails(Evaluate(Basket with { OccurredAtUtc = start.AddMinutes(-1) }, march).Of("March"), "starts on 2025-03-01 00:00 UTC");
        AssertFails(Evaluate(Basket with { OccurredAtUtc = end }, march).Of("March"), "ended on 2025-04-01 00:00 UTC");
    }

    [Fact]
    public void A_preview_says_which_condition_failed()
    {
        var appGold = Rule("App gold bonus", new BonusEffect(10)) with
        {
            Conditions = [new ChannelCondition(["app"]), new TierCondition(["gold"]), new PaymentCondition(["app_wallet"])],
        };
        var preview = Basket with { Channel = "app", Member = new MemberFacts(Tier: "silver"), PaymentMethods = ["card"] };

        AssertFails(Evaluate(preview, appGold).Of("App gold bonus"), "tier is silver, not gold");
        AssertFails(Evaluate(preview with { Member = new MemberFacts(Tier: "gold") }, appGold).Of("App gold bonus"), "paid by card, not app_wallet");
        Assert.True(Evaluate(preview with { Member = new MemberFacts(Tier: "gold"), PaymentMethods = ["app_wallet"] }, appGold).Of("App gold bonus").Applied);
    }

    [Fact]
    public void All_conditions_of_a_rule_must_hold()
    {
        var rule = new[] { new ChannelCondition(["app"]), (RuleCondition)new FirstPurchaseCondition(), new BasketCondition(MinEligibleAmount: 10m) };

        AssertApplies(Bonus(Basket with { Channel = "app", Member = new MemberFacts(FirstPurchase: true) }, rule));
        AssertFails(Bonus(Purchase(Line(1, 5m)) with { Channel = "app", Member = new MemberFacts(FirstPurchase: true) }, rule), "eligible amount 5.00 is below 10.00");
    }

    [Fact]
    public void A_rule_that_does_not_apply_still_appears_in_the_breakdown_with_its_version()
    {
        var rule = new ActiveRule("rul_app", 4, Rule("App only", new BonusEffect(10)) with { Conditions = [new ChannelCondition(["app"])] });

        var outcome = Assert.Single(RuleEngine.Evaluate([rule], Basket).Outcomes);

        Assert.Equal(("rul_app", 4, "App only", false), (outcome.RuleId, outcome.Version, outcome.Name, outcome.Applied));
    }

    [Fact]
    public void A_weekday_reason_names_the_days_the_rule_runs_on()
    {
        var weekdays = Rule("Weekday bonus", new BonusEffect(10)) with { Conditions = [new TimeCondition(Weekdays: ["mon", "tue"])] };

        var result = Evaluate(Purchase(Line(1, 10m)), weekdays);

        Assert.Equal("sat is not among mon, tue", result.Of("Weekday bonus").Reason);
    }

    [Fact]
    public void Reasons_read_the_same_whatever_the_server_s_language()
    {
        var minimum = Rule("Big basket", new BonusEffect(50)) with { Conditions = [new BasketCondition(MinEligibleAmount: 20m)] };
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var result = Evaluate(Purchase(Line(1, 19.99m)), minimum);

            Assert.Contains("19.99", result.Of("Big basket").Reason);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
