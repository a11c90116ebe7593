using Treu.Domain.Common;

namespace Treu.Domain.Tiers;

/// <summary>
/// Checks a ladder before it is saved. Fields out of shape come back together as <c>validation_failed</c>; then the four
/// rules of a ladder, each with its own code: names in German and English, unique ids, one base tier, strictly increasing thresholds.
/// </summary>
public static class TierLadderValidation
{
    public const int MaxTiers = 20;
    public const int MaxPerks = 20;
    public const int MaxReviewMonths = 36;
    public const int MaxTextLength = 200;
    public const decimal MaxThreshold = 1_000_000_000;
    public const decimal MaxMultiplier = 10;
    public const long MaxBirthdayBonus = 1_000_000;

    public static Failure? Validate(TierLadder ladder)
    {
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string path, string message)
        {
            if (!fields.TryGetValue(path, out var list))
            {
                fields[path] = list = [];
            }

            list.Add(message);
        }

        if (ladder.Tiers is null || ladder.Tiers.Count == 0)
        {
            Add("tiers", "needs at least the base tier");
        }
        else if (ladder.Tiers.Count > MaxTiers)
        {
            Add("tiers", $"at most {MaxTiers} tiers");
        }

        if (ladder.ReviewAt == ReviewSchedule.MonthsAfterUpgrade && ladder.ReviewMonths is < 1 or > MaxReviewMonths)
        {
            Add("reviewMonths", $"must be between 1 and {MaxReviewMonths}");
        }

        if (ladder.ReviewAt == ReviewSchedule.PeriodEnd && ladder.Period != QualifyingPeriod.CalendarYear)
        {
            Add("reviewAt", "period_end needs the period calendar_year (a rolling or lifetime period has no end): use months_after_upgrade");
        }

        var tiers = ladder.Tiers ?? [];
        for (var i = 0; i < tiers.Count && i < MaxTiers; i++)
        {
            var tier = tiers[i];
            var at = $"tiers[{i}]";
            if (tier is null)
            {
                Add(at, "must be an object");
                continue;
            }

            if (!IsTierId(tier.Id))
            {
                Add($"{at}.id", "must be 1 to 32 of a-z, 0-9, '_' and '-'");
            }

            if (tier.Threshold < 0 || tier.Threshold > MaxThreshold)
            {
                Add($"{at}.threshold", $"must be between 0 and {MaxThreshold:0}");
            }
            else if (ladder.Metric != QualifyingMetric.QualifyingSpend && tier.Threshold != decimal.Truncate(tier.Threshold))
            {
                Add($"{at}.threshold", "must be a whole number of points or purchases");
            }
            else if (tier.Threshold != Math.Round(tier.Threshold, 2))
            {
                Add($"{at}.threshold", "has at most two decimal places");
            }

            if (tier.Name is { } name && (name.De?.Length > MaxTextLength || name.En?.Length > MaxTextLength))
            {
                Add($"{at}.name", $"each name at most {MaxTextLength} characters");
            }

            if (tier.Benefits is null)
            {
                Add($"{at}.benefits", "must be an object (leave it out for none)");
            }

            var benefits = tier.Benefits ?? new TierBenefits();
            if (benefits.EarnMultiplier < 1 || benefits.EarnMultiplier > MaxMultiplier)
            {
                Add($"{at}.benefits.earnMultiplier", $"must be between 1 and {MaxMultiplier}");
            }

            if (benefits.BirthdayBonus < 0 || benefits.BirthdayBonus > MaxBirthdayBonus)
            {
                Add($"{at}.benefits.birthdayBonus", $"must be between 0 and {MaxBirthdayBonus}");
            }

            if (benefits.Perks is null)
            {
                Add($"{at}.benefits.perks", "must be a list (empty for none)");
            }

            var perks = benefits.Perks ?? [];
            if (perks.Count > MaxPerks)
            {
                Add($"{at}.benefits.perks", $"at most {MaxPerks} perks");
            }

            for (var p = 0; p < perks.Count && p < MaxPerks; p++)
            {
                if (perks[p] is not { } perk || string.IsNullOrWhiteSpace(perk.De) || string.IsNullOrWhiteSpace(perk.En)
                    || perk.De.Length > MaxTextLength || perk.En.Length > MaxTextLength)
                {
                    Add($"{at}.benefits.perks[{p}]", $"needs de and en, each 1 to {MaxTextLength} characters");
                }
            }
        }

        if (fields.Count > 0)
        {
            return CommonErrors.Invalid(fields.ToDictionary(f => f.Key, f => f.Value.ToArray()));
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tiers[i].Name?.De) || string.IsNullOrWhiteSpace(tiers[i].Name?.En))
            {
                return TierErrors.TierNameMissing.With($"Tier '{tiers[i].Id}' needs a name in German (de) and in English (en).", $"tiers[{i}].name");
            }
        }

        if (tiers.Select(t => t.Id).GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            var second = tiers.Select((t, i) => (t.Id, i)).Where(t => t.Id == twice.Key).Skip(1).First().i;
            return TierErrors.DuplicateTierId.With($"Tier id '{twice.Key}' is given twice; every tier needs an id of its own.", $"tiers[{second}].id");
        }

        var bases = tiers.Count(t => t.Threshold == 0);
        if (tiers[0].Threshold != 0 || bases != 1)
        {
            return TierErrors.NoBaseTier.With(bases > 1
                ? "Only one tier may have threshold 0: the base tier, first on the ladder."
                : "The ladder starts with its base tier, at threshold 0, which every member holds before reaching another.", "tiers[0].threshold");
        }

        for (var i = 1; i < tiers.Count; i++)
        {
            if (tiers[i].Threshold <= tiers[i - 1].Threshold)
            {
                return TierErrors.ThresholdsNotIncreasing.With(
                    $"Tier '{tiers[i].Id}' needs a higher threshold than '{tiers[i - 1].Id}' ({tiers[i - 1].Threshold:0.##}): tiers go from lowest to highest.",
                    $"tiers[{i}].threshold");
            }
        }

        return null;
    }

    public static bool IsTierId(string? id) => id is { Length: > 0 and <= 32 } && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-');
}
