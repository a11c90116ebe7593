using Treu.Domain.Tiers;
using static Treu.Domain.Tests.Tiers.Ladders;

namespace Treu.Domain.Tests.Tiers;

/// <summary>What a ladder must be before it is saved, each rule with its own code.</summary>
public sealed class TierLadderValidationTests
{
    [Fact]
    public void The_demo_ladder_is_valid()
    {
        Assert.Null(TierLadderValidation.Validate(Demo));
    }

    [Theory]
    [InlineData(new[] { 100, 500 }, "tier_ladder_without_base", "tiers[0].threshold")]
    [InlineData(new[] { 0, 0, 500 }, "tier_ladder_without_base", "tiers[0].threshold")]
    [InlineData(new[] { 0, 500, 500 }, "tier_thresholds_not_increasing", "tiers[2].threshold")]
    [InlineData(new[] { 0, 2000, 500 }, "tier_thresholds_not_increasing", "tiers[2].threshold")]
    public void Thresholds_start_at_one_base_tier_and_rise_strictly(int[] thresholds, string code, string field)
    {
        var ladder = Demo with { Tiers = thresholds.Select((t, i) => Tier($"t{i}", t)).ToList() };

        var refused = TierLadderValidation.Validate(ladder);

        Assert.Equal((code, field), (refused?.Code, refused?.Field));
    }

    [Fact]
    public void Every_tier_needs_an_id_of_its_own()
    {
        var refused = TierLadderValidation.Validate(Demo with { Tiers = [Tier("bronze", 0), Tier("gold", 500), Tier("gold", 900)] });

        Assert.Equal(("tier_id_duplicate", "tiers[2].id"), (refused?.Code, refused?.Field));
    }

    [Fact]
    public void Every_tier_needs_a_name_in_german_and_in_english()
    {
        var refused = TierLadderValidation.Validate(Demo with { Tiers = [Tier("bronze", 0), Tier("gold", 500) with { Name = new LocalizedText("Gold", null) }] });

        Assert.Equal(("tier_name_missing", "tiers[1].name"), (refused?.Code, refused?.Field));
    }

    [Fact]
    public void Benefits_and_perks_sent_as_null_are_refused_rather_than_stored()
    {
        var refused = TierLadderValidation.Validate(Demo with
        {
            Tiers = [Tier("bronze", 0) with { Benefits = null! }, Tier("gold", 500) with { Benefits = new TierBenefits { Perks = null! } }],
        });

        Assert.Equal(["tiers[0].benefits", "tiers[1].benefits.perks"], refused!.Errors!.Keys.Order());
    }

    [Fact]
    public void Fields_out_of_shape_are_named_together()
    {
        var ladder = Demo with
        {
            Period = QualifyingPeriod.Rolling12Months,
            ReviewAt = ReviewSchedule.PeriodEnd,
            Tiers = [Tier("Bronze!", 0), Tier("gold", 500.5m, multiplier: 0.5m)],
        };

        var refused = TierLadderValidation.Validate(ladder);

        Assert.Equal("validation_failed", refused?.Code);
        Assert.Equal(["reviewAt", "tiers[0].id", "tiers[1].benefits.earnMultiplier", "tiers[1].threshold"], refused!.Errors!.Keys.Order());
    }

    [Fact]
    public void A_tier_reaches_the_tiers_below_it_and_a_tier_the_ladder_lost_reaches_none()
    {
        Assert.True(Demo.Reaches("platinum", "gold"));
        Assert.True(Demo.Reaches("gold", "gold"));
        Assert.False(Demo.Reaches("silver", "gold"));
        Assert.False(Demo.Reaches(null, "silver"));
        Assert.False(Demo.Reaches("diamond", "silver"));
        Assert.False(Demo.Reaches("platinum", "diamond"));
    }
}
