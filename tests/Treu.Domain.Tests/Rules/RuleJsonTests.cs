using System.Text.Json;
using System.Text.Json.Serialization;
using Treu.Domain.Programs;
using Treu.Domain.Rules;

namespace Treu.Domain.Tests.Rules;

/// <summary>Rules are data: the JSON a loyalty manager sends reads as the rule they meant, and a typo is refused, not ignored.</summary>
public sealed class RuleJsonTests
{
    /// <summary>The server's options (Treu.Server/Hosting/Json.cs), restated so the domain tests need no server.</summary>
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        MaxDepth = 16,
    };

    private static RuleDefinition Read(string json) => JsonSerializer.Deserialize<RuleDefinition>(json, Options)!;

    [Fact]
    public void Double_points_on_weekends_reads_as_a_multiplier_on_saturdays_and_sundays()
    {
        var rule = Read("""{"name":"Double points","effects":[{"type":"multiplier","factor":2}],"conditions":[{"type":"time","weekdays":["sat","sun"]}]}""");

        Assert.Equal("Double points", rule.Name);
        Assert.Equal(RuleTrigger.Purchase, rule.Trigger);
        Assert.Equal(Stacking.Stack, rule.Stacking);
        Assert.Null(rule.Caps);
        Assert.Equal(new MultiplierEffect(2), Assert.Single(rule.Effects));
        var time = Assert.IsType<TimeCondition>(Assert.Single(rule.Conditions));
        Assert.Equal(["sat", "sun"], time.Weekdays!);
        Assert.Null(time.From);
        Assert.Empty(RuleValidation.Validate(rule));
    }

    [Fact]
    public void Snake_case_values_and_camel_case_fields_read_as_the_rule_meant()
    {
        var rule = Read("""
            {
              "name": "Welcome in the app",
              "trigger": "purchase",
              "priority": 7,
              "stacking": "best_of_group",
              "group": "welcome",
              "validFrom": "2025-03-01T00:00:00Z",
              "validTo": "2025-04-01T00:00:00Z",
              "conditions": [
                {"type": "first_purchase"},
                {"type": "time", "from": "09:00", "to": "17:30"},
                {"type": "product", "categories": ["organic"]}
              ],
              "effects": [
                {"type": "points_per_amount", "rate": 2.5, "rounding": "nearest", "matchingLinesOnly": true},
                {"type": "bonus", "points": 50, "perMatchingItem": true},
                {"type": "cashback", "percent": 1.5}
              ],
              "caps": {"perMemberPerDay": 500, "timesPerMember": 1}
            }
            """);

        Assert.Equal(Stacking.BestOfGroup, rule.Stacking);
        Assert.Equal(7, rule.Priority);
        Assert.Equal(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), rule.ValidFrom);
        Assert.Equal(DateTimeKind.Utc, rule.ValidFrom!.Value.Kind);
        Assert.IsType<FirstPurchaseCondition>(rule.Conditions[0]);
        Assert.Equal(new TimeOnly(17, 30), Assert.IsType<TimeCondition>(rule.Conditions[1]).To);
        Assert.Equal(["organic"], Assert.IsType<ProductCondition>(rule.Conditions[2]).Categories!);
        Assert.Equal<RuleEffect>([new PointsPerAmountEffect(2.5m, PointsRounding.Nearest, true), new BonusEffect(50, true), new CashbackEffect(1.5m)], rule.Effects);
        Assert.Equal(new RuleCaps(PerMemberPerDay: 500, TimesPerMember: 1), rule.Caps);
        Assert.Empty(RuleValidation.Validate(rule));
    }

    public static TheoryData<string, Type> ConditionKinds() => new()
    {
        { """{"type":"channel","in":["app"]}""", typeof(ChannelCondition) },
        { """{"type":"store","in":["store_berlin"]}""", typeof(StoreCondition) },
        { """{"type":"time","weekdays":["mon"]}""", typeof(TimeCondition) },
        { """{"type":"tier","in":["gold"]}""", typeof(TierCondition) },
        { """{"type":"segment","any":["students"]}""", typeof(SegmentCondition) },
        { """{"type":"birthday","withinDays":7}""", typeof(BirthdayCondition) },
        { """{"type":"attribute","name":"employer","equalTo":"acme"}""", typeof(AttributeCondition) },
        { """{"type":"first_purchase"}""", typeof(FirstPurchaseCondition) },
        { """{"type":"basket","minEligibleAmount":20,"minItems":3}""", typeof(BasketCondition) },
        { """{"type":"product","skus":["coffee-1"],"brands":["Acme"]}""", typeof(ProductCondition) },
        { """{"type":"payment","methods":["app_wallet"]}""", typeof(PaymentCondition) },
    };

    [Theory]
    [MemberData(nameof(ConditionKinds))]
    public void Every_kind_of_condition_reads_from_its_type_name_and_writes_back_the_same(string condition, Type kind)
    {
        var json = $$"""{"name":"r","conditions":[{{condition}}],"effects":[{"type":"bonus","points":10}]}""";

        var rule = Read(json);

        Assert.IsType(kind, Assert.Single(rule.Conditions));
        Assert.Empty(RuleValidation.Validate(rule));
        var again = Read(JsonSerializer.Serialize(rule, Options));
        Assert.Equal(JsonSerializer.Serialize(rule, Options), JsonSerializer.Serialize(again, Options));
    }

    [Fact]
    public void A_rule_written_and_read_back_is_the_same_rule()
    {
        var rule = new RuleDefinition
        {
            Name = "Newsletter opt-in",
            Description = "200 points, once",
            Trigger = RuleTrigger.Event,
            EventType = "newsletter_opt_in",
            Priority = -3,
            Stacking = Stacking.Exclusive,
            ValidTo = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Conditions = [new SegmentCondition(["newsletter_target"]), new TimeCondition(["mon"], new TimeOnly(8, 0), new TimeOnly(20, 0)), new BirthdayCondition(3)],
            Effects = [new BonusEffect(200)],
            Caps = new RuleCaps(Budget: 100_000, TimesPerMember: 1),
        };

        var json = JsonSerializer.Serialize(rule, Options);
        var read = Read(json);

        Assert.Contains("\"stacking\":\"exclusive\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"segment\"", json, StringComparison.Ordinal);
        Assert.Contains("\"eventType\":\"newsletter_opt_in\"", json, StringComparison.Ordinal);
        Assert.Equal(rule with { Conditions = read.Conditions, Effects = read.Effects }, read);
        Assert.Equal<RuleEffect>(rule.Effects, read.Effects);
        Assert.Equal(rule.Conditions[2], read.Conditions[2]);
        Assert.Equal(["mon"], Assert.IsType<TimeCondition>(read.Conditions[1]).Weekdays!);
        Assert.Equal(json, JsonSerializer.Serialize(read, Options));
    }

    [Theory]
    [InlineData("""{"name":"r","conditions":[{"type":"weather","sunny":true}],"effects":[{"type":"bonus","points":1}]}""")]
    [InlineData("""{"name":"r","effects":[{"type":"stamp","count":1}]}""")]
    public void An_unknown_kind_of_condition_or_effect_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }

    [Theory]
    [InlineData("""{"name":"r","colour":"red","effects":[{"type":"bonus","points":1}]}""")]
    [InlineData("""{"name":"r","effects":[{"type":"points_per_amount","rate":1,"matchingLineOnly":true}]}""")]
    [InlineData("""{"name":"r","conditions":[{"type":"channel","in":["app"],"notIn":["store"]}],"effects":[{"type":"bonus","points":1}]}""")]
    [InlineData("""{"name":"r","effects":[{"type":"bonus","points":1}],"caps":{"perMemberPerYear":10}}""")]
    public void A_misspelt_or_unknown_field_is_refused_not_ignored(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }

    [Theory]
    [InlineData("""{"name":"r","stacking":"best-of-group","effects":[{"type":"bonus","points":1}]}""")]
    [InlineData("""{"name":"r","stacking":2,"effects":[{"type":"bonus","points":1}]}""")]
    [InlineData("""{"name":"r","effects":[{"type":"points_per_amount","rate":"1.5"}]}""")]
    public void An_unknown_value_or_a_number_in_quotes_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }
}
