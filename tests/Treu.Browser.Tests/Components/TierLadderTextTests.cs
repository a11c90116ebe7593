using System.Text.Json;
using Treu.Domain.Tiers;
using Treu.Server.Hosting;
using Treu.Server.Web.Admin;

namespace Treu.Browser.Tests.Components;

/// <summary>The ladder editor's field: what it reads is what PUT /v1/admin/tiers would take, and every problem is the field's.</summary>
public sealed class TierLadderTextTests
{
    private static readonly JsonSerializerOptions Wire = Options();

    private static JsonSerializerOptions Options()
    {
        var options = new JsonSerializerOptions();
        Json.Configure(options);
        return options;
    }

    private static readonly TierLadder Ladder = new()
    {
        Tiers =
        [
            new TierDefinition { Id = "bronze", Name = new LocalizedText("Bronze", "Bronze"), Threshold = 0 },
            new TierDefinition { Id = "silver", Name = new LocalizedText("Silber", "Silver"), Threshold = 500 },
        ],
    };

    [Fact]
    public void A_ladder_shown_in_the_field_reads_back_as_the_same_ladder()
    {
        var read = TierLadderText.Parse(TierLadderText.Of(Ladder, Wire), Wire);

        Assert.True(read.Succeeded, read.Failure?.Message);
        Assert.Equal(["bronze", "silver"], read.Value.Tiers.Select(t => t.Id));
        Assert.Equal(500, read.Value.Tiers[1].Threshold);
        Assert.Equal("Silber", read.Value.Tiers[1].Name!.De);
    }

    [Fact]
    public void Text_that_is_not_json_is_the_fields_problem()
    {
        var read = TierLadderText.Parse("""{"tiers": [""", Wire);

        Assert.Equal(TierLadderText.Field, read.Failure?.Field);
        Assert.Contains("is not a ladder", read.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_of_the_ladder_broken_is_named_with_its_path_under_the_field()
    {
        var falling = Ladder with { Tiers = [.. Ladder.Tiers, new TierDefinition { Id = "gold", Name = new LocalizedText("Gold", "Gold"), Threshold = 300 }] };

        var read = TierLadderText.Parse(TierLadderText.Of(falling, Wire), Wire);

        var messages = Assert.Single(read.Failure!.Errors!).Value;
        Assert.Contains(messages, m => m.StartsWith("tiers[2].threshold", StringComparison.Ordinal));
    }
}
