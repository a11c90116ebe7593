namespace Treu.Domain.Rules;

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
