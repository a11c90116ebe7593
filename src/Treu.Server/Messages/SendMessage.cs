using Microsoft.EntityFrameworkCore;
using MimeKit;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.MemberSessions;
using Treu.Server.Rewards;
using Treu.Server.Storage;
using Treu.Server.Tiers;

namespace Treu.Server.Messages;

/// <summary>
/// Sends a template to one member by e-mail, through the SMTP server Treu sends all its mail through (<c>Treu:Mail</c>):
/// an HTML and a text part, and for a marketing message the one-click unsubscribe of RFC 8058 (<c>List-Unsubscribe</c>
/// with <c>List-Unsubscribe-Post</c>). A marketing message goes only to a member who gave the <c>marketing_email</c>
/// consent; a transactional one (a voucher issued) goes without it. Nothing goes to a blocked or erased member.
/// </summary>
public sealed class SendMessage(TreuDbContext db, Templates templates, ProgramSettings programs, TierLadders ladders, RewardCatalogue catalogue, IMailSender mail,
    UnsubscribeLinks links, TimeProvider clock)
{
    public const string MarketingConsent = "marketing_email";

    public async Task<Result<SentMessage>> RunAsync(Caller caller, string templateId, SendRequest body, Uri unsubscribeBase, CancellationToken ct)
    {
        var template = await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.ProgramId == caller.ProgramId && t.Id == templateId, ct);
        if (template is null)
        {
            return MessageErrors.NoSuchTemplate(templateId);
        }

        var member = await db.Members.AsNoTracking().Include(m => m.Consents).SingleOrDefaultAsync(m => m.ProgramId == caller.ProgramId && m.Id == body.MemberId, ct);
        if (member is null)
        {
            return MemberErrors.NoSuchMember(body.MemberId!) with { Field = "memberId" };
        }

        var transactional = body.Transactional ?? false;
        if (Refused(member, transactional) is { } refused)
        {
            return refused;
        }

        if (!mail.IsConfigured)
        {
            return MessageErrors.MailUnavailable.With("No SMTP server is configured (Treu:Mail:Host): no e-mail can go out.");
        }

        var program = await programs.GetAsync(caller.ProgramId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var used = template.In(member.Language).Language;
        var rendered = await templates.RenderAsync(template, used, await TemplateTokens.OfMemberAsync(db, ladders, catalogue, program, member, used, now, ct), ct);
        var message = new MimeMessage { Subject = rendered.Subject, Body = new BodyBuilder { HtmlBody = rendered.Html, TextBody = rendered.Text }.ToMessageBody() };
        message.To.Add(new MailboxAddress(string.Join(' ', new[] { member.FirstName, member.LastName }.Where(n => n is not null)), member.Email!));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        if (!transactional)
        {
            var link = new Uri(unsubscribeBase, $"/v1/unsubscribe?token={Uri.EscapeDataString(links.TokenFor(member.ProgramId, member.Id))}");
            message.Headers.Add("List-Unsubscribe", $"<{link.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        await mail.SendAsync(message, ct);
        return new SentMessage(template.Id, member.Id, used, member.Email!, rendered.Subject, transactional, message.MessageId);
    }

    private static Failure? Refused(Member member, bool transactional)
    {
        if (member.Status == MemberStatus.Erased)
        {
            return MemberErrors.Erased.With("This member's data was erased: no message goes to them.");
        }

        if (member.Status == MemberStatus.Blocked)
        {
            return MemberErrors.Blocked.With("This member is blocked: no message goes to them.");
        }

        if (string.IsNullOrEmpty(member.Email))
        {
            return MessageErrors.NoEmail.With("This member has no e-mail address.", "memberId");
        }

        var consent = member.Consents.Where(c => c.Purpose == MarketingConsent).OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).FirstOrDefault();
        return transactional || consent is { Granted: true }
            ? null
            : MessageErrors.NoMarketingConsent.With("The member has not given the marketing_email consent, or withdrew it: only a transactional message may go.");
    }
}
