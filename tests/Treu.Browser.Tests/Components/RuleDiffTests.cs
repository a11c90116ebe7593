using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Treu.Server.Web.Admin;

namespace Treu.Browser.Tests.Components;

/// <summary>The diff between two versions of a rule, as the rule editor shows it (bUnit, no browser).</summary>
public sealed class RuleDiffTests : IDisposable
{
    private readonly BunitContext _context = new();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public RuleDiffTests()
    {
        _context.Services.AddLocalization();
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    private IRenderedComponent<RuleDiff> Diff(string before, string after) =>
        _context.Render<RuleDiff>(p => p.Add(d => d.Before, new RuleDefinitionText(before)).Add(d => d.After, new RuleDefinitionText(after)));

    [Fact]
    public void A_changed_line_shows_as_removed_and_added_in_words_as_well_as_colour()
    {
        var diff = Diff("{\n  \"name\": \"Organic x2\",\n  \"factor\": 2\n}", "{\n  \"name\": \"Organic x2\",\n  \"factor\": 3\n}");

        var removed = Assert.Single(diff.FindAll("div.removed"));
        var added = Assert.Single(diff.FindAll("div.added"));
        Assert.Equal("removed: -   \"factor\": 2", removed.TextContent);
        Assert.Equal("added: +   \"factor\": 3", added.TextContent);
        Assert.Equal(5, diff.FindAll("div.diff > div").Count);
    }

    [Fact]
    public void Two_equal_versions_show_no_change()
    {
        var diff = Diff("{\n  \"factor\": 2\n}", "{\n  \"factor\": 2\n}");

        Assert.Empty(diff.FindAll("div.removed"));
        Assert.Empty(diff.FindAll("div.added"));
    }

    [Fact]
    public void The_diff_is_a_named_region_a_keyboard_can_reach_to_scroll()
    {
        var region = Diff("a", "b").Find("div.diff");

        Assert.Equal("region", region.GetAttribute("role"));
        Assert.Equal("Difference between two versions", region.GetAttribute("aria-label"));
        Assert.Equal("0", region.GetAttribute("tabindex"));
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _culture;
        _context.Dispose();
    }
}
