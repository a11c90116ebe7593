using System.ComponentModel.DataAnnotations;

namespace Treu.Server.Messages;

/// <summary>An e-mail template's parts in one language, each in Liquid.</summary>
/// <param name="Subject">The subject line (its line breaks are dropped).</param>
/// <param name="Html">The HTML part: what it inserts is HTML-escaped.</param>
/// <param name="Text">The plain-text part, for mail programs that show no HTML.</param>
public sealed record TemplateParts(
    [property: MaxLength(Templates.MaxSubjectLength)] string? Subject,
    [property: MaxLength(Templates.MaxPartLength)] string? Html,
    [property: MaxLength(Templates.MaxPartLength)] string? Text);

/// <summary>A template to create, or the whole template as it should be.</summary>
/// <param name="Id">On create: 1 to 64 of a-z, 0-9, '_' and '-'; made up when not given.</param>
/// <param name="Channel">email (the default): the channel it is written for.</param>
/// <param name="De">The German parts; at least one language is required.</param>
/// <param name="En">The English parts.</param>
public sealed record TemplateRequest(
    [property: MaxLength(64)] string? Id,
    [property: MaxLength(100)] string? Name,
    [property: AllowedValues(MessageChannels.Email)] string? Channel,
    TemplateParts? De,
    TemplateParts? En);

public sealed record TemplateView(string Id, string Channel, string Name, TemplateParts? De, TemplateParts? En, DateTime CreatedAt, DateTime UpdatedAt, string UpdatedBy)
{
    public static TemplateView From(MessageTemplate t) => new(t.Id, t.Channel, t.Name, t.De, t.En, t.CreatedAt, t.UpdatedAt, t.UpdatedBy);
}

/// <summary>What to render a template for.</summary>
/// <param name="MemberId">A member of the program, whose tokens fill the template; without one, a sample member's.</param>
/// <param name="Language">de or en; the member's own language when not given (German for the sample).</param>
public sealed record PreviewRequest([property: MaxLength(64)] string? MemberId, [property: AllowedValues("de", "en")] string? Language);

/// <summary>A template rendered: the e-mail as the member would get it.</summary>
/// <param name="Language">The language rendered: the one asked for, or the other one when the template lacks it.</param>
/// <param name="MemberId">The member whose tokens filled it; null for the sample.</param>
public sealed record RenderedMessage(string TemplateId, string Language, string? MemberId, string Subject, string Html, string Text);

/// <summary>Whom to send a template to, and whether it is transactional.</summary>
/// <param name="MemberId">A member of the program, with an e-mail address; in the member's language.</param>
/// <param name="Transactional">
/// true for a message the member needs whatever they chose (a voucher issued): it goes without the marketing_email consent
/// and carries no unsubscribe link. false (the default): a marketing message, only with the consent, with a one-click unsubscribe.
/// </param>
public sealed record SendRequest([property: MaxLength(64)] string? MemberId, bool? Transactional);

/// <summary>An e-mail handed to the SMTP server.</summary>
/// <param name="To">The member's e-mail address.</param>
/// <param name="MessageId">The e-mail's Message-ID header.</param>
public sealed record SentMessage(string TemplateId, string MemberId, string Language, string To, string Subject, bool Transactional, string MessageId);
