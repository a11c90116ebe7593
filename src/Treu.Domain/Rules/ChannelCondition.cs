namespace Treu.Domain.Rules;

public sealed record ChannelCondition(IReadOnlyList<string> In) : RuleCondition;
