using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Admin;
using Treu.Server.Hosting;
using Treu.Server.Rewards;
using Treu.Server.Rules;
using Treu.Server.Storage;
using Treu.Server.Tiers;

namespace Treu.Server.Messages;

/// <summary>The loyalty manager's message templates: saved only when every part is valid Liquid, and previewed for a member or a sample.</summary>
public sealed class TemplateAdmin(TreuDbContext db, AuditTrail audit, Templates templates, ProgramSettings programs, TierLadders ladders, RewardCatalogue catalogue,
    TimeProvider clock)
{
    public const int MaxTemplatesPerProgram = 1000;

    public static Validation Check(TemplateRequest body, bool create)
    {
        var check = new Validation();
        if (create && body.Id is not null && !RuleAdmin.IsSlug(body.Id))
        {
            check.Add("id", "must be 1 to 64 of a-z, 0-9, '_' and '-'");
        }

        check.Require("name", body.Name, 100);
        Templates.Check(check, body.De, body.En);
        return check;
    }

    public async Task<Result<TemplateView>> CreateAsync(Caller caller, TemplateRequest body, CancellationToken ct)
    {
        var id = body.Id ?? Ids.New("tpl");
        if (await db.MessageTemplates.AnyAsync(t => t.ProgramId == caller.ProgramId && t.Id == id, ct))
        {
            return MessageErrors.TemplateExists.With($"A message template '{id}' exists already.", "id");
        }

        var now = Now();
        var template = new MessageTemplate
        {
            ProgramId = caller.ProgramId,
            Id = id,
            Channel = body.Channel ?? MessageChannels.Email,
            Name = body.Name!.Trim(),
            De = body.De,
            En = body.En,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = caller.Actor,
        };
        db.MessageTemplates.Add(template);
        audit.Record(caller, "template.created", "message_template", id, body);
        return TemplateView.From(template);
    }

    public async Task<Result<TemplateView>> UpdateAsync(Caller caller, string id, TemplateRequest body, CancellationToken ct)
    {
        var template = await db.MessageTemplates.SingleOrDefaultAsync(t => t.ProgramId == caller.ProgramId && t.Id == id, ct);
        if (template is null)
        {
            return MessageErrors.NoSuchTemplate(id);
        }

        template.Channel = body.Channel ?? template.Channel;
        template.Name = body.Name!.Trim();
        template.De = body.De;
        template.En = body.En;
        template.UpdatedAt = Now();
        template.UpdatedBy = caller.Actor;
        audit.Record(caller, "template.updated", "message_template", id, body);
        return TemplateView.From(template);
    }

    /// <summary>The template as a member would get it: the member's own tokens, or a sample's.</summary>
    public async Task<Result<RenderedMessage>> PreviewAsync(Caller caller, string id, PreviewRequest body, CancellationToken ct)
    {
        var template = await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.ProgramId == caller.ProgramId && t.Id == id, ct);
        if (template is null)
        {
            return MessageErrors.NoSuchTemplate(id);
        }

        var program = await programs.GetAsync(caller.ProgramId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (body.MemberId is null)
        {
            var language = body.Language ?? "de";
            return await templates.RenderAsync(template, language, TemplateTokens.Sample(program, template.In(language).Language, now), ct);
        }

        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.ProgramId == caller.ProgramId && m.Id == body.MemberId, ct);
        if (member is null)
        {
            return MemberErrors.NoSuchMember(body.MemberId) with { Field = "memberId" };
        }

        var used = template.In(body.Language ?? member.Language).Language;
        return await templates.RenderAsync(template, used, await TemplateTokens.OfMemberAsync(db, ladders, catalogue, program, member, used, now, ct), ct);
    }

    private DateTime Now() => Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
}
