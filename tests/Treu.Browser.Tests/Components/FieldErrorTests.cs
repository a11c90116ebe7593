using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Treu.Domain.Common;
using Treu.Server.Web.Shared;

namespace Treu.Browser.Tests.Components;

/// <summary>A refusal's message beside the field it concerns, as every console form shows it (bUnit, no browser).</summary>
public sealed class FieldErrorTests : IDisposable
{
    private readonly BunitContext _context = new();

    public FieldErrorTests() => _context.Services.AddLocalization();

    private static FieldErrors Refused(string field, string message) =>
        FieldErrors.Of(CommonErrors.InvalidField(field, message));

    [Fact]
    public void The_message_stands_beside_its_field_announced_and_named_for_aria_describedby()
    {
        var errors = Refused("points", "must not be 0");

        var shown = _context.Render<FieldError>(p => p.Add(e => e.For, "points").Add(e => e.Errors, errors)).Find("p");

        Assert.Equal("must not be 0", shown.TextContent);
        Assert.Equal("points-error", shown.Id);
        Assert.Equal("alert", shown.GetAttribute("role"));
        Assert.Equal("points-error", FieldError.DescribedBy(errors, "points"));
    }

    [Fact]
    public void Another_fields_message_is_not_shown_here()
    {
        var errors = Refused("reason", "is required");

        var rendered = _context.Render<FieldError>(p => p.Add(e => e.For, "points").Add(e => e.Errors, errors));

        Assert.Empty(rendered.FindAll("p"));
        Assert.Null(FieldError.DescribedBy(errors, "points"));
    }

    public void Dispose() => _context.Dispose();
}
