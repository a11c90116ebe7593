using System.ComponentModel.DataAnnotations;
namespace Treu.Domain.Rules;

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
