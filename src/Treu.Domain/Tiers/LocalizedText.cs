namespace Treu.Domain.Tiers;

/// <summary>A text in each language Treu speaks to members in.</summary>
public sealed record LocalizedText(string? De, string? En)
{
    public string In(string language) => (language == "de" ? De : En) ?? En ?? De ?? "";
}
