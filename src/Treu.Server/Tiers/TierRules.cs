using Treu.Domain.Rules;
using Treu.Domain.Tiers;

namespace Treu.Server.Tiers;

/// <summary>
/// A ladder's benefits that give points, as built-in rules of the program's rule book (as the base rate is one): a tier's
/// earn multiplier, and its birthday bonus. Each names its tier in a <c>tier</c> condition, so a preview explains it like
/// any rule ("tier is silver, not gold"), and each is at the ladder's version. Changed only with the ladder.
/// </summary>
public static class TierRules
{
    /// <summary>Ids of built-in tier rules start so; a rule of the loyalty manager's cannot (its ids are a-z, 0-9, '_' and '-').</summary>
    public const string Prefix = "tier.";

    /// <summary>Below every rule of the manager's, just above the base rate, in the breakdown's order.</summary>
    public const int Priority = int.MinValue + 1;

    public static bool IsTierRule(string ruleId) => ruleId.StartsWith(Prefix, StringComparison.Ordinal);

    public static IEnumerable<ActiveRule> Of(ProgramLadder ladder, string pointsName)
    {
        foreach (var tier in ladder.Ladder.Tiers)
        {
            var name = tier.Name?.En ?? tier.Id;
            if (tier.Benefits.EarnMultiplier > 1)
            {
                yield return new ActiveRule($"{Prefix}{tier.Id}", ladder.Version, new RuleDefinition
                {
                    Name = $"{name}: {tier.Benefits.EarnMultiplier:0.##}× {pointsName}",
                    Priority = Priority,
                    Conditions = [new TierCondition([tier.Id])],
                    Effects = [new MultiplierEffect(tier.Benefits.EarnMultiplier)],
                });
            }

            if (tier.Benefits.BirthdayBonus > 0)
            {
                yield return new ActiveRule($"{Prefix}{tier.Id}.birthday", ladder.Version, new RuleDefinition
                {
                    Name = $"{name}: {tier.Benefits.BirthdayBonus} {pointsName} in your birthday week",
                    Priority = Priority,
                    Conditions = [new TierCondition([tier.Id]), new BirthdayCondition(3)],
                    Effects = [new BonusEffect(tier.Benefits.BirthdayBonus)],
                    Caps = new RuleCaps(PerMemberPerMonth: tier.Benefits.BirthdayBonus),
                });
            }
        }
    }
}
