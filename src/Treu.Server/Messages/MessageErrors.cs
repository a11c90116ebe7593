using Treu.Domain.Common;

namespace Treu.Server.Messages;

public static class MessageErrors
{
    public static readonly ErrorCode TemplateNotFound = new("template_not_found", FailureKind.NotFound);
    public static readonly ErrorCode TemplateExists = new("template_exists", FailureKind.Conflict);
    public static readonly ErrorCode NoEmail = new("member_without_email", FailureKind.Refused);
    public static readonly ErrorCode NoMarketingConsent = new("marketing_consent_missing", FailureKind.Refused);
    public static readonly ErrorCode MailUnavailable = new("mail_unavailable", FailureKind.Refused);
    public static readonly ErrorCode UnsubscribeLinkInvalid = new("unsubscribe_link_invalid", FailureKind.NotFound);

    public static Failure NoSuchTemplate(string id) => TemplateNotFound.With($"No message template '{(id.Length > 64 ? id[..64] : id)}' in this program.");
}
