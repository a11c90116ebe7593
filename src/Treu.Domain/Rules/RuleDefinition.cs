using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Treu.Domain.Programs;

namespace Treu.Domain.Rules;

/// <summary>What starts a rule: a purchase, or a member event sent by an integration (newsletter opt-in, review …).</summary>
public enum RuleTrigger
{
    Purchase,
    Event,
}

/// <summary>How a rule combines with the others that apply to the same basket.</summary>
public enum Stacking
{
    /// <summary>Adds to whatever else applies.</summary>
    Stack,
    /// <summary>If it applies, it is the only rule that counts (the highest-priority exclusive rule wins).</summary>
    Exclusive,
    /// <summary>Of the rules in its group that apply, only the one giving most points counts.</summary>
    BestOfGroup,
}

/// <summary>
/// An earning rule as a loyalty manager writes it (JSON): conditions that must all hold, effects that give
/// points, and caps. Stored as data, versioned, validated on save by <see cref="RuleValidation"/>.
/// </summary>
public sealed record RuleDefinition
{
    [MaxLength(100)]
    public string Name { get; init; } = "";

    [MaxLength(1000)]
    public string? Description { get; init; }
    public RuleTrigger Trigger { get; init; } = RuleTrigger.Purchase;

    /// <summary>For <see cref="RuleTrigger.Event"/> rules: which event type (e.g. newsletter_opt_in).</summary>
    [MaxLength(64)]
    public string? EventType { get; init; }

    /// <summary>Higher first; decides between exclusive rules and the order of the breakdown.</summary>
    [Range(-1000, 1000)]
    public int Priority { get; init; }
    public Stacking Stacking { get; init; } = Stacking.Stack;

    /// <summary>For <see cref="Stacking.BestOfGroup"/>: the group's name.</summary>
    public string? Group { get; init; }
    public DateTime? ValidFrom { get; init; }
    public DateTime? ValidTo { get; init; }

    [MaxLength(RuleValidation.MaxConditions)]
    public IReadOnlyList<RuleCondition> Conditions { get; init; } = [];

    [MaxLength(RuleValidation.MaxEffects)]
    public IReadOnlyList<RuleEffect> Effects { get; init; } = [];
    public RuleCaps? Caps { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ChannelCondition), "channel")]
[JsonDerivedType(typeof(StoreCondition), "store")]
[JsonDerivedType(typeof(TimeCondition), "time")]
[JsonDerivedType(typeof(TierCondition), "tier")]
[JsonDerivedType(typeof(SegmentCondition), "segment")]
[JsonDerivedType(typeof(BirthdayCondition), "birthday")]
[JsonDerivedType(typeof(AttributeCondition), "attribute")]
[JsonDerivedType(typeof(FirstPurchaseCondition), "first_purchase")]
[JsonDerivedType(typeof(BasketCondition), "basket")]
[JsonDerivedType(typeof(ProductCondition), "product")]
[JsonDerivedType(typeof(PaymentCondition), "payment")]
public abstract record RuleCondition;

public sealed record ChannelCondition(IReadOnlyList<string> In) : RuleCondition;

public sealed record StoreCondition(IReadOnlyList<string> In) : RuleCondition;

/// <summary>Local time of the purchase in the program's time zone: weekdays (mon … sun) and a daily window.</summary>
public sealed record TimeCondition(IReadOnlyList<string>? Weekdays = null, TimeOnly? From = null, TimeOnly? To = null) : RuleCondition;

public sealed record TierCondition(IReadOnlyList<string> In) : RuleCondition;

/// <summary>The member carries at least one of these segment tags.</summary>
public sealed record SegmentCondition(IReadOnlyList<string> Any) : RuleCondition;

/// <summary>The member's birthday falls within this many days before or after the purchase.</summary>
public sealed record BirthdayCondition([property: Range(0, 31)] int WithinDays) : RuleCondition;

public sealed record AttributeCondition([property: MaxLength(64)] string Name, [property: MaxLength(200)] string EqualTo) : RuleCondition;

public sealed record FirstPurchaseCondition : RuleCondition;

public sealed record BasketCondition(decimal? MinEligibleAmount = null, decimal? MinItems = null) : RuleCondition;

/// <summary>At least one line matches; the matching lines are what line-based effects apply to.</summary>
public sealed record ProductCondition(IReadOnlyList<string>? Skus = null, IReadOnlyList<string>? Categories = null, IReadOnlyList<string>? Brands = null) : RuleCondition;

public sealed record PaymentCondition(IReadOnlyList<string> Methods) : RuleCondition;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(PointsPerAmountEffect), "points_per_amount")]
[JsonDerivedType(typeof(MultiplierEffect), "multiplier")]
[JsonDerivedType(typeof(BonusEffect), "bonus")]
[JsonDerivedType(typeof(CashbackEffect), "cashback")]
public abstract record RuleEffect;

/// <summary>Points per unit of currency, on the basket's eligible amount or only on the matching lines.</summary>
public sealed record PointsPerAmountEffect([property: Range(0, 1000, MinimumIsExclusive = true)] decimal Rate, PointsRounding Rounding = PointsRounding.Floor, bool MatchingLinesOnly = false) : RuleEffect;

/// <summary>Multiplies the points the other (non-multiplier) rules gave: 2 for "double points".</summary>
public sealed record MultiplierEffect([property: Range(1, 100, MinimumIsExclusive = true)] decimal Factor) : RuleEffect;

/// <summary>Fixed points per basket, or per matching item.</summary>
public sealed record BonusEffect([property: Range(1, 1_000_000)] long Points, bool PerMatchingItem = false) : RuleEffect;

/// <summary>A share of the eligible amount back as money, recorded for the cashback wallet.</summary>
public sealed record CashbackEffect([property: Range(0, 100, MinimumIsExclusive = true)] decimal Percent) : RuleEffect;

/// <summary>Limits on what a rule gives. A reached limit stops the rule, and the breakdown says so.</summary>
public sealed record RuleCaps(
    long? PerTransaction = null,
    long? PerMemberPerDay = null,
    long? PerMemberPerWeek = null,
    long? PerMemberPerMonth = null,
    long? Budget = null,
    int? TimesPerMember = null,
    int? TimesPerMemberPerDay = null);
