namespace Treu.Domain.Rules;

/// <summary>What starts a rule: a purchase, or a member event sent by an integration (newsletter opt-in, review …).</summary>
public enum RuleTrigger
{
    Purchase,
    Event,
}
