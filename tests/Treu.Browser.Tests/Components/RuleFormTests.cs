using System.Text.Json;
using Treu.Domain.Rules;
using Treu.Server.Hosting;
using Treu.Server.Web.Admin;

namespace Treu.Browser.Tests.Components;

/// <summary>The rule editor's form: what it sends is what the API would take, and a problem lands beside the field it concerns.</summary>
public sealed class RuleFormTests
{
    private static readonly JsonSerializerOptions Wire = Options();

    private static JsonSerializerOptions Options()
    {
        var options = new JsonSerializerOptions();
        Json.Configure(options);
        return options;
    }

    private static RuleForm Form(string effects = """[{"type": "multiplier", "factor": 2}]""", string conditions = """[{"type": "product", "categories": ["organic"]}]""") =>
        new() { Id = "organic_x2", Name = "Double points on organic", Conditions = conditions, Effects = effects };

    [Fact]
    public void A_complete_form_becomes_the_rule_the_api_would_save()
    {
        var request = Form().ToRequest(Wire, isNew: true);

        Assert.True(request.Succeeded, request.Failure?.Message);
        Assert.Equal("organic_x2", request.Value.Id);
        var definition = request.Value.Definition!;
        Assert.Equal("Double points on organic", definition.Name);
        Assert.Equal(2m, Assert.IsType<MultiplierEffect>(Assert.Single(definition.Effects)).Factor);
        Assert.Equal(["organic"], Assert.IsType<ProductCondition>(Assert.Single(definition.Conditions)).Categories);
    }

    [Fact]
    public void Json_that_does_not_parse_is_named_beside_its_own_field_only()
    {
        var errors = RuleForm.ErrorsOf(Form(effects: """[{"type": "multiplier", "factor": """).ToRequest(Wire, isNew: true).Failure);

        Assert.Contains("not valid JSON", Assert.Single(errors.For("effects")));
        Assert.Empty(errors.For("conditions"));
        Assert.Empty(errors.For("name"));
    }

    [Fact]
    public void The_apis_own_check_of_a_nested_value_lands_beside_the_field_that_holds_it()
    {
        var errors = RuleForm.ErrorsOf(Form(effects: """[{"type": "multiplier", "factor": -1}]""").ToRequest(Wire, isNew: true).Failure);

        Assert.Contains(errors.For("effects"), message => message.StartsWith("effects[0].factor", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_without_a_name_is_refused_beside_the_name()
    {
        var form = Form();
        form.Name = " ";

        var errors = RuleForm.ErrorsOf(form.ToRequest(Wire, isNew: true).Failure);

        Assert.NotEmpty(errors.For("name"));
    }

    [Theory]
    [InlineData("definition.conditions[0].in", "conditions")]
    [InlineData("$.effects[1]", "effects")]
    [InlineData("name", "name")]
    public void A_problems_path_belongs_to_the_field_it_starts_with(string path, string field) =>
        Assert.Equal(field, RuleForm.FieldOf(path));
}
