namespace Treu.Domain.Tiers;

/// <summary>What a return does to a tier its purchase helped reach: the qualifying amount always goes; the tier at once, or at the review.</summary>
public enum ReturnDemotion
{
    AtReview,
    AtOnce,
}
