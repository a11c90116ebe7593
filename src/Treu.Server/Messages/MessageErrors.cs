using Treu.Domain.Common;

namespace Treu.Server.Messages;

public static class MessageErrors
{
    public static readonly ErrorCode TemplateNotFound = new("template_not_found", FailureKind.NotFound);
    public static readonly ErrorCode TemplateExists = new("template_exists", FailureKind.Conflict);

    public static Failure NoSuchTemplate(string id) => TemplateNotFound.With($"No message template '{(id.Length > 64 ? id[..64] : id)}' in this program.");
}
