using System.Text.Json;
using Treu.Domain.Rules;
using Treu.Server.Demo;
using Treu.Server.Hosting;

namespace Treu.Api.Tests.Rules;

/// <summary>The demo program's rule set is seeded without going through the API: it must still pass the API's validation.</summary>
public sealed class DemoRulesTests
{
    [Fact]
    public void Every_demo_rule_is_valid_and_survives_a_round_trip_through_the_api_json()
    {
        var options = new JsonSerializerOptions();
        Json.Configure(options);
        foreach (var (id, definition) in DemoRules.Active)
        {
            Assert.Empty(RuleValidation.Validate(definition));
            var back = JsonSerializer.Deserialize<RuleDefinition>(JsonSerializer.Serialize(definition, options), options)!;
            Assert.Equal(JsonSerializer.Serialize(definition, options), JsonSerializer.Serialize(back, options));
            Assert.Matches("^[a-z0-9_-]+$", id);
        }
    }

    [Fact]
    public void The_demo_set_has_a_category_multiplier_an_app_bonus_a_birthday_bonus_and_a_newsletter_bonus()
    {
        var rules = DemoRules.Active.Select(r => r.Definition).ToList();
        Assert.Contains(rules, r => r.Effects.Any(e => e is MultiplierEffect) && r.Conditions.Any(c => c is ProductCondition { Categories: not null }));
        Assert.Contains(rules, r => r.Conditions.Any(c => c is ChannelCondition ch && ch.In.Contains("app")));
        Assert.Contains(rules, r => r.Conditions.Any(c => c is BirthdayCondition));
        Assert.Contains(rules, r => r.Trigger == RuleTrigger.Event && r.EventType == "newsletter_opt_in" && r.Caps?.TimesPerMember == 1);
    }
}
