namespace Treu.Server.Messages;

/// <summary>
/// What an e-mail to members says, in Liquid, once per language (de, en): its subject, its HTML part and its text part.
/// The member's language picks; a member whose language the template lacks gets the other one.
/// </summary>
public sealed class MessageTemplate
{
    public required string ProgramId { get; set; }
    public required string Id { get; set; }

    /// <summary>email: the channel the template is written for.</summary>
    public required string Channel { get; set; }

    public required string Name { get; set; }

    /// <summary>The German parts; null when the template is in English only.</summary>
    public TemplateParts? De { get; set; }

    /// <summary>The English parts; null when the template is in German only.</summary>
    public TemplateParts? En { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>The parts in a language, or in the other one when the template lacks it, and which language that is.</summary>
    public (string Language, TemplateParts Parts) In(string language) =>
        (language == "en" ? En : De) is { } parts ? (language == "en" ? "en" : "de", parts)
        : De is { } de ? ("de", de)
        : ("en", En ?? throw new InvalidOperationException($"Template {Id} has no language."));
}
