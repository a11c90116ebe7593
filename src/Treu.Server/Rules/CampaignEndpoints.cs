using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Tiers;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Tiers;

namespace Treu.Server.Rules;

public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/v1/admin/campaigns").WithTags("Campaigns").RequireScopes(Scopes.Admin);

        campaigns.MapPost("", Create).WithName("createCampaign").AccessForAdmin(201).Idempotent()
            .WithSummary("Create a campaign, with its rules, as a draft")
            .WithDescription("A campaign is a time-boxed set of rules (\"double points weekend\"): its rules count only while it is active and between its dates.")
            .Produces<CampaignView>(201).WithRequestExample(Examples.CreateCampaign).WithResponseExample(201, Examples.Campaign);

        campaigns.MapGet("", List)
            .WithName("listCampaigns")
            .AccessForAdmin(200)
            .WithSummary("List campaigns, newest start first")
            .Produces<CampaignView[]>()
            .WithResponseExample(200, Examples.CampaignList);

        campaigns.MapGet("/{id}", Get)
            .WithName("getCampaign")
            .AccessForAdmin(200)
            .WithSummary("Read a campaign with its rules")
            .Produces<CampaignView>()
            .WithResponseExample(200, Examples.Campaign);

        campaigns.MapPut("/{id}", Update).WithName("updateCampaign").AccessForAdmin(200).Idempotent()
            .WithSummary("Change a campaign's name, description or dates (its rules change through /v1/admin/rules)")
            .Produces<CampaignView>().WithRequestExample(Examples.UpdateCampaign).WithResponseExample(200, Examples.Campaign);

        campaigns.MapPost("/{id}/activate", (string id, HttpContext http, IdempotentWrites writes, TreuDbContext db, RuleAdmin admin) =>
                SetStatus(id, RuleStatus.Active, http, writes, db, admin)).WithName("activateCampaign").AccessForAdmin(200).Idempotent()
            .WithSummary("Switch a campaign on, with all its rules").Produces<CampaignView>().WithResponseExample(200, Examples.Campaign);

        campaigns.MapPost("/{id}/deactivate", (string id, HttpContext http, IdempotentWrites writes, TreuDbContext db, RuleAdmin admin) =>
                SetStatus(id, RuleStatus.Inactive, http, writes, db, admin)).WithName("deactivateCampaign").AccessForAdmin(200).Idempotent()
            .WithSummary("Switch a campaign off: none of its rules counts any more").Produces<CampaignView>().WithResponseExample(200, Examples.Campaign);

        campaigns.MapPost("/{id}/simulate", Simulate).WithName("simulateCampaign").AccessForAdmin(200)
            .WithSummary("What if: run the campaign's rules against the last days' transactions, before switching it on")
            .Produces<SimulationView>().WithRequestExample(Examples.Simulate).WithResponseExample(200, Examples.Simulation);
    }

    private static void CheckCampaign(Validation check, CampaignRequest body, bool create)
    {
        check.Require("name", body.Name, 100).MaxLength("description", body.Description, 1000);
        if (body.StartsAt is null)
        {
            check.Add("startsAt", "is required (UTC)");
        }

        if (body.EndsAt is null)
        {
            check.Add("endsAt", "is required (UTC)");
        }
        else if (body.StartsAt is { } starts && body.EndsAt <= starts)
        {
            check.Add("endsAt", "must be after startsAt");
        }
        else if (body.StartsAt is { } s && body.EndsAt - s > TimeSpan.FromDays(366 * 5))
        {
            check.Add("endsAt", "a campaign lasts at most five years");
        }

        CheckEarlyAccess(check, body);
        if (create && body.Id is not null && !RuleAdmin.IsSlug(body.Id))
        {
            check.Add("id", "must be 1 to 64 of a-z, 0-9, '_' and '-'");
        }

        if (body.Rules is { Length: > 50 })
        {
            check.Add("rules", "at most 50 rules per request");
            return;
        }

        if (!create && body.Rules is not null)
        {
            check.Add("rules", "a campaign's rules change through /v1/admin/rules (with campaignId)");
        }

        for (var i = 0; i < (body.Rules?.Length ?? 0); i++)
        {
            RuleAdmin.Check(check, body.Rules![i], $"rules[{i}].");
            if (body.Rules[i]?.CampaignId is not null)
            {
                check.Add($"rules[{i}].campaignId", "is the campaign being created: leave it out");
            }
        }

        if (body.Rules?.Where(r => r?.Id is not null).GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            check.Add("rules", $"rule id '{twice.Key}' is given twice");
        }
    }

    private static void CheckEarlyAccess(Validation check, CampaignRequest body)
    {
        if (body.EarlyAccess is not { } early)
        {
            return;
        }

        if (early.StartsAt is null)
        {
            check.Add("earlyAccess.startsAt", "is required (UTC)");
        }
        else if (body.StartsAt is { } starts && early.StartsAt >= starts)
        {
            check.Add("earlyAccess.startsAt", "must be before the campaign's startsAt");
        }
        else if (body.StartsAt is { } s && s - early.StartsAt > TimeSpan.FromDays(366))
        {
            check.Add("earlyAccess.startsAt", "opens at most a year before the campaign's startsAt");
        }

        if (early.Tiers is not { Length: > 0 and <= 20 })
        {
            check.Add("earlyAccess.tiers", "names 1 to 20 tiers");
        }
        else if (Array.FindIndex(early.Tiers, t => t is null || !RuleAdmin.IsSlug(t)) is var i and >= 0)
        {
            check.Add($"earlyAccess.tiers[{i}]", "is not a tier id (1 to 64 of a-z, 0-9, '_' and '-')");
        }
    }

    /// <summary>Sets the campaign's early access from the request; its tiers must be tiers of the program's ladder.</summary>
    private static async Task<Failure?> SetEarlyAccessAsync(Campaign campaign, CampaignEarlyAccess? early, TierLadders ladders, CancellationToken ct)
    {
        if (early is null)
        {
            campaign.EarlyStartsAt = null;
            campaign.EarlyTiers = [];
            return null;
        }

        if (await ladders.GetAsync(campaign.ProgramId, ct) is not { } ladder)
        {
            return SetManualTier.NoTiers() with { Field = "earlyAccess.tiers" };
        }

        var tiers = early.Tiers ?? [];
        if (tiers.FirstOrDefault(t => ladder.Ladder.RankOf(t) < 0) is { } unknown)
        {
            return TierErrors.UnknownTier.With(
                $"The program's ladder has no tier '{unknown}'; its tiers: {string.Join(", ", ladder.Ladder.Tiers.Select(t => t.Id))}.", "earlyAccess.tiers");
        }

        campaign.EarlyStartsAt = Utc(early.StartsAt!.Value);
        campaign.EarlyTiers = tiers.Distinct(StringComparer.Ordinal).ToList();
        return null;
    }

    private static async Task<Results<KeptCreated<CampaignView>, ProblemHttpResult>> Create(
        CampaignRequest body, HttpContext http, IdempotentWrites writes, TreuDbContext db, RuleAdmin admin, TierLadders ladders)
    {
        var check = new Validation();
        CheckCampaign(check, body, create: true);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var caller = http.Caller();
        var result = await writes.CreateAsync<CampaignView>(http, body, [], async ct =>
        {
            var id = body.Id ?? Ids.New("cmp");
            if (await db.Campaigns.AnyAsync(c => c.ProgramId == caller.ProgramId && c.Id == id, ct))
            {
                return RuleErrors.CampaignExists.With($"A campaign '{id}' exists already.", "id");
            }

            var now = admin.Now;
            var campaign = new Campaign
            {
                Id = id,
                ProgramId = caller.ProgramId,
                Name = body.Name!.Trim(),
                Description = body.Description,
                StartsAt = Utc(body.StartsAt!.Value),
                EndsAt = Utc(body.EndsAt!.Value),
                Status = RuleStatus.Draft,
                CreatedAt = now,
                UpdatedAt = now,
                UpdatedBy = caller.Actor,
            };
            if (await SetEarlyAccessAsync(campaign, body.EarlyAccess, ladders, ct) is { } refused)
            {
                return refused;
            }

            db.Campaigns.Add(campaign);
            admin.Audit(caller, "campaign.created", "campaign", id, AuditedFields(campaign));
            await db.SaveChangesAsync(ct);
            var rules = new List<EarningRule>();
            for (var i = 0; i < (body.Rules?.Length ?? 0); i++)
            {
                var created = await admin.CreateAsync(caller, body.Rules![i], id, ct);
                if (created.Failure is { } failure)
                {
                    // Named by where it is in this request: rules[1].definition.group, not definition.group.
                    return failure.Field is null ? failure : failure with { Field = $"rules[{i}].{failure.Field}" };
                }

                rules.Add(created.Value);
            }

            return await ViewAsync(campaign, rules, admin, ct);
        });
        admin.Changed(caller.ProgramId);
        return result;
    }

    private static async Task<IResult> List(HttpContext http, TreuDbContext db, RuleAdmin admin, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.ProgramId == programId).OrderByDescending(c => c.StartsAt).ThenBy(c => c.Id).Take(1000).ToListAsync(ct);
        var rules = await db.Rules.AsNoTracking().Where(r => r.ProgramId == programId && r.CampaignId != null).ToListAsync(ct);
        var views = new List<CampaignView>();
        foreach (var campaign in campaigns)
        {
            views.Add(await ViewAsync(campaign, rules.Where(r => r.CampaignId == campaign.Id), admin, ct));
        }

        return Results.Ok(views);
    }

    private static async Task<IResult> Get(string id, HttpContext http, TreuDbContext db, RuleAdmin admin, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.ProgramId == programId && c.Id == id, ct);
        return campaign is null ? Problems.For(NotFound(id)) : Results.Ok(await ViewAsync(campaign, await RulesOf(db, campaign, ct), admin, ct));
    }

    private static async Task<Results<KeptOk<CampaignView>, ProblemHttpResult>> Update(
        string id, CampaignRequest body, HttpContext http, IdempotentWrites writes, TreuDbContext db, RuleAdmin admin, TierLadders ladders)
    {
        var check = new Validation();
        CheckCampaign(check, body, create: false);
        if (body.Id is not null && body.Id != id)
        {
            check.Add("id", "a campaign's id cannot change");
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var caller = http.Caller();
        var result = await writes.ChangeAsync<CampaignView>(http, body, [], async ct =>
        {
            var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.ProgramId == caller.ProgramId && c.Id == id, ct);
            if (campaign is null)
            {
                return NotFound(id);
            }

            campaign.Name = body.Name!.Trim();
            campaign.Description = body.Description;
            campaign.StartsAt = Utc(body.StartsAt!.Value);
            campaign.EndsAt = Utc(body.EndsAt!.Value);
            if (await SetEarlyAccessAsync(campaign, body.EarlyAccess, ladders, ct) is { } refused)
            {
                return refused;
            }

            campaign.UpdatedAt = admin.Now;
            campaign.UpdatedBy = caller.Actor;
            admin.Audit(caller, "campaign.updated", "campaign", id, AuditedFields(campaign));
            return await ViewAsync(campaign, await RulesOf(db, campaign, ct), admin, ct);
        });
        admin.Changed(caller.ProgramId);
        return result;
    }

    private static async Task<Results<KeptOk<CampaignView>, ProblemHttpResult>> SetStatus(
        string id, string status, HttpContext http, IdempotentWrites writes, TreuDbContext db, RuleAdmin admin)
    {
        var caller = http.Caller();
        var result = await writes.ChangeAsync<CampaignView>(http, new { id, status }, [], async ct =>
        {
            var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.ProgramId == caller.ProgramId && c.Id == id, ct);
            if (campaign is null)
            {
                return NotFound(id);
            }

            var rules = await db.Rules.Where(r => r.ProgramId == caller.ProgramId && r.CampaignId == id).ToListAsync(ct);
            if (status == RuleStatus.Active && rules.Count == 0)
            {
                return RuleErrors.CampaignEmpty.With("The campaign has no rules yet: add rules with campaignId before switching it on.");
            }

            if (campaign.Status != status)
            {
                admin.Audit(caller, $"campaign.{(status == RuleStatus.Active ? "activated" : "deactivated")}", "campaign", id, new { from = campaign.Status, to = status });
                campaign.Status = status;
                campaign.UpdatedAt = admin.Now;
                campaign.UpdatedBy = caller.Actor;
            }

            // Switching a campaign on switches its rules on; switching it off leaves them as they are (they stop counting with it).
            if (status == RuleStatus.Active)
            {
                foreach (var rule in rules)
                {
                    admin.SetStatus(caller, rule, RuleStatus.Active);
                }
            }

            return await ViewAsync(campaign, rules, admin, ct);
        });
        admin.Changed(caller.ProgramId);
        return result;
    }

    private static async Task<IResult> Simulate(string id, SimulationRequest body, HttpContext http, TreuDbContext db, Simulation simulation, RuleBooks books,
        CancellationToken ct)
    {
        var check = Simulation.Check(body, draft: false);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var programId = http.Caller().ProgramId;
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.ProgramId == programId && c.Id == id, ct);
        if (campaign is null)
        {
            return Problems.For(NotFound(id));
        }

        var rules = await RulesOf(db, campaign, ct);
        if (rules.Count == 0)
        {
            return Problems.For(RuleErrors.CampaignEmpty.With("The campaign has no rules to simulate yet."));
        }

        var simulated = rules.Select(r => new SimulatedRule(r.Id, r.Version, books.Parse(r.Definition))).ToList();
        return Results.Ok(await simulation.RunAsync(programId, simulated, body.Days, ct));
    }

    private static Task<List<EarningRule>> RulesOf(TreuDbContext db, Campaign campaign, CancellationToken ct) =>
        db.Rules.AsNoTracking().Where(r => r.ProgramId == campaign.ProgramId && r.CampaignId == campaign.Id).OrderBy(r => r.Id).ToListAsync(ct);

    private static async Task<CampaignView> ViewAsync(Campaign campaign, IEnumerable<EarningRule> rules, RuleAdmin admin, CancellationToken ct)
    {
        var views = new List<RuleView>();
        foreach (var rule in rules)
        {
            views.Add(await admin.ViewAsync(rule, campaign, withVersions: false, ct));
        }

        var now = admin.Now;
        return new CampaignView(campaign.Id, campaign.Name, campaign.Description, campaign.StartsAt, campaign.EndsAt, campaign.Status,
            campaign.Status == RuleStatus.Active && campaign.StartsAt <= now && now < campaign.EndsAt, views, EarlyAccessOf(campaign),
            campaign.CreatedAt, campaign.UpdatedAt, campaign.UpdatedBy);
    }

    private static CampaignEarlyAccess? EarlyAccessOf(Campaign campaign) =>
        campaign.EarlyStartsAt is { } opens ? new CampaignEarlyAccess(opens, [.. campaign.EarlyTiers]) : null;

    private static object AuditedFields(Campaign campaign) =>
        new { campaign.Name, campaign.Description, campaign.StartsAt, campaign.EndsAt, EarlyAccess = EarlyAccessOf(campaign) };

    /// <summary>A date without an offset is UTC, as a rule's validFrom and validTo are, whatever the server's time zone.</summary>
    private static DateTime Utc(DateTime at) => at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime();

    public static Failure NotFound(string id) => RuleErrors.CampaignNotFound.With($"No campaign '{(id.Length > 64 ? id[..64] : id)}' in this program.");
}
