using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Domain.Rules;
using Treu.Server.Admin;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rules;

/// <summary>
/// Saving rules and campaigns: validation, versions, budgets and the audit trail, shared by the rule and the
/// campaign endpoints. Every change writes an <see cref="AuditEntry"/> in the same transaction as the change.
/// </summary>
public sealed class RuleAdmin(TreuDbContext db, RuleBooks books, AuditTrail audit, ProgramSettings programs, TimeProvider clock)
{
    public const int MaxRulesPerProgram = 1000;

    public DateTime Now => Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);

    /// <summary>Checks a rule's request; problems are keyed by the JSON path of the field, e.g. definition.conditions[0].in.</summary>
    public static void Check(Validation check, RuleRequest? request, string at, bool withId = true)
    {
        if (request?.Definition is null)
        {
            check.Add($"{at}definition", "is required: the rule's name, conditions, effects and caps");
            return;
        }

        if (withId && request.Id is not null && !IsSlug(request.Id))
        {
            check.Add($"{at}id", "must be 1 to 64 of a-z, 0-9, '_' and '-'");
        }
        else if (request.Id == RuleBooks.BaseRateId)
        {
            check.Add($"{at}id", BuiltInRule.Message);
        }

        check.MaxLength($"{at}campaignId", request.CampaignId, 64);
        foreach (var problem in RuleValidation.Validate(request.Definition))
        {
            check.Add($"{at}definition.{problem.Path}", problem.Message);
        }
    }

    /// <summary>What is wrong with a new rule, field by field; null when nothing is.</summary>
    public static Failure? CheckNew(RuleRequest body)
    {
        var check = new Validation();
        Check(check, body, "");
        return check.ToFailure();
    }

    /// <summary>What is wrong with a rule's new version; null when nothing is.</summary>
    public static Failure? CheckChange(string id, RuleRequest body)
    {
        var check = new Validation();
        Check(check, body, "", withId: false);
        if (body.Id is not null && body.Id != id)
        {
            check.Add("id", "a rule's id cannot change; leave it out or send the same id");
        }

        return id == RuleBooks.BaseRateId ? BuiltInRule : check.ToFailure();
    }

    /// <summary>Saves a checked new rule as a draft (in the caller's unit of work) and answers how it reads back.</summary>
    public async Task<Result<RuleView>> CreateRuleAsync(Caller caller, RuleRequest body, CancellationToken ct)
    {
        var created = await CreateAsync(caller, body, body.CampaignId, ct);
        if (created.Failure is { } failure)
        {
            return failure;
        }

        return await ViewAsync(created.Value, await CampaignOfAsync(created.Value, ct), withVersions: false, ct);
    }

    /// <summary>Saves a checked change of a rule as its next version.</summary>
    public async Task<Result<RuleView>> ChangeRuleAsync(Caller caller, string id, RuleRequest body, CancellationToken ct)
    {
        var rule = await db.Rules.SingleOrDefaultAsync(r => r.ProgramId == caller.ProgramId && r.Id == id, ct);
        if (rule is null)
        {
            return RuleEndpoints.NotFound(id);
        }

        var updated = await UpdateAsync(caller, rule, body, ct);
        if (updated.Failure is { } failure)
        {
            return failure;
        }

        return await ViewAsync(rule, await CampaignOfAsync(rule, ct), withVersions: true, ct);
    }

    /// <summary>Switches a rule on (<see cref="RuleStatus.Active"/>) or off.</summary>
    public async Task<Result<RuleView>> SwitchRuleAsync(Caller caller, string id, string status, CancellationToken ct)
    {
        if (id == RuleBooks.BaseRateId)
        {
            return BuiltInRule;
        }

        var rule = await db.Rules.SingleOrDefaultAsync(r => r.ProgramId == caller.ProgramId && r.Id == id, ct);
        if (rule is null)
        {
            return RuleEndpoints.NotFound(id);
        }

        SetStatus(caller, rule, status);
        return await ViewAsync(rule, await CampaignOfAsync(rule, ct), withVersions: false, ct);
    }

    /// <summary>The program's rules by priority, the built-in base rate among them (unless a campaign is asked for).</summary>
    public async Task<IReadOnlyList<RuleView>> ListAsync(string programId, string? status, string? campaignId, CancellationToken ct)
    {
        var rules = await db.Rules.AsNoTracking().Where(r => r.ProgramId == programId)
            .Where(r => status == null || r.Status == status).Where(r => campaignId == null || r.CampaignId == campaignId)
            .OrderBy(r => r.Id).Take(MaxRulesPerProgram).ToListAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.ProgramId == programId).ToDictionaryAsync(c => c.Id, ct);
        var views = new List<RuleView>();
        foreach (var rule in rules)
        {
            views.Add(await ViewAsync(rule, rule.CampaignId is null ? null : campaigns.GetValueOrDefault(rule.CampaignId), withVersions: false, ct));
        }

        var baseRate = BaseRateView(await programs.GetAsync(programId, ct));
        if (campaignId is null && (status is null || status == baseRate.Status))
        {
            views.Add(baseRate);
        }

        return views.OrderByDescending(v => v.Definition.Priority).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>One rule with all its versions (base_rate: the program's base earn rate); null when there is none.</summary>
    public async Task<RuleView?> GetAsync(string programId, string id, CancellationToken ct)
    {
        if (id == RuleBooks.BaseRateId)
        {
            return BaseRateView(await programs.GetAsync(programId, ct));
        }

        var rule = await db.Rules.AsNoTracking().SingleOrDefaultAsync(r => r.ProgramId == programId && r.Id == id, ct);
        return rule is null ? null : await ViewAsync(rule, await CampaignOfAsync(rule, ct), withVersions: true, ct);
    }

    public static bool IsSlug(string id) => id.Length is > 0 and <= 64 && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-');

    /// <summary>Checks what needs the other rules: the campaign exists, and a best-of group does not mix multipliers with points.</summary>
    public async Task<Failure?> CheckAgainstStoredAsync(string programId, string ruleId, RuleDefinition definition, string? campaignId, CancellationToken ct)
    {
        if (campaignId is not null && !await db.Campaigns.AnyAsync(c => c.ProgramId == programId && c.Id == campaignId, ct))
        {
            return RuleErrors.UnknownCampaign.With($"No campaign '{campaignId}' in this program.", "campaignId");
        }

        if (definition.Stacking == Stacking.BestOfGroup && definition.Group is { } group)
        {
            var multiplier = IsMultiplier(definition);
            var others = await db.Rules.AsNoTracking().Where(r => r.ProgramId == programId && r.Id != ruleId).Select(r => r.Definition).ToListAsync(ct);
            // The rules saved earlier in the same request (a campaign's) are not in the database yet.
            others.AddRange(db.Rules.Local.Where(r => r.ProgramId == programId && r.Id != ruleId).Select(r => r.Definition));
            if (others.Select(books.Parse).Any(o => o.Stacking == Stacking.BestOfGroup && o.Group == group && IsMultiplier(o) != multiplier))
            {
                return CommonErrors.ValidationFailed.With(
                    $"Group '{group}' holds {(multiplier ? "rules that give points" : "multipliers")}: "
                    + "a best-of group compares like with like, so multipliers and points need separate groups.",
                    "definition.group");
            }
        }

        return null;
    }

    public async Task<Result<EarningRule>> CreateAsync(Caller caller, RuleRequest request, string? campaignId, CancellationToken ct)
    {
        var id = request.Id ?? Ids.New("rul");
        var definition = request.Definition!;
        if (await db.Rules.AnyAsync(r => r.ProgramId == caller.ProgramId && r.Id == id, ct))
        {
            return RuleErrors.RuleExists.With($"A rule '{id}' exists already; change it with PUT /v1/admin/rules/{id}.", "id");
        }

        if (await db.Rules.CountAsync(r => r.ProgramId == caller.ProgramId, ct) >= MaxRulesPerProgram)
        {
            return RuleErrors.TooManyRules.With($"A program holds at most {MaxRulesPerProgram} rules; deactivate and reuse old ones.");
        }

        if (await CheckAgainstStoredAsync(caller.ProgramId, id, definition, campaignId, ct) is { } refused)
        {
            return refused;
        }

        var now = Now;
        var rule = new EarningRule
        {
            Id = id,
            ProgramId = caller.ProgramId,
            Version = 1,
            Status = RuleStatus.Draft,
            Name = definition.Name.Trim(),
            CampaignId = campaignId,
            Definition = books.Serialize(definition),
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = caller.Actor,
        };
        db.Rules.Add(rule);
        AddVersion(rule);
        await EnsureBudgetAsync(rule, definition, ct);
        Audit(caller, "rule.created", "rule", id, new { version = 1, campaignId, definition });
        return rule;
    }

    public async Task<Result<EarningRule>> UpdateAsync(Caller caller, EarningRule rule, RuleRequest request, CancellationToken ct)
    {
        var definition = request.Definition!;
        var campaignId = request.CampaignId ?? rule.CampaignId;
        if (await CheckAgainstStoredAsync(caller.ProgramId, rule.Id, definition, campaignId, ct) is { } refused)
        {
            return refused;
        }

        rule.Version++;
        rule.Name = definition.Name.Trim();
        rule.CampaignId = campaignId;
        rule.Definition = books.Serialize(definition);
        rule.UpdatedAt = Now;
        rule.UpdatedBy = caller.Actor;
        AddVersion(rule);
        await EnsureBudgetAsync(rule, definition, ct);
        Audit(caller, "rule.updated", "rule", rule.Id, new { version = rule.Version, campaignId, definition });
        return rule;
    }

    public void SetStatus(Caller caller, EarningRule rule, string status)
    {
        if (rule.Status == status)
        {
            return;
        }

        Audit(caller, $"rule.{(status == RuleStatus.Active ? "activated" : "deactivated")}", "rule", rule.Id, new { version = rule.Version, from = rule.Status, to = status });
        rule.Status = status;
        rule.UpdatedAt = Now;
        rule.UpdatedBy = caller.Actor;
    }

    public void Audit(Caller caller, string action, string targetType, string targetId, object details) => audit.Record(caller, action, targetType, targetId, details);

    public async Task<RuleView> ViewAsync(EarningRule rule, Campaign? campaign, bool withVersions, CancellationToken ct)
    {
        var definition = books.Parse(rule.Definition);
        RuleBudgetView? budget = null;
        if (definition.Caps?.Budget is { } limit)
        {
            var used = await db.RuleBudgets.AsNoTracking().Where(b => b.ProgramId == rule.ProgramId && b.RuleId == rule.Id).Select(b => b.Points).FirstOrDefaultAsync(ct);
            budget = new RuleBudgetView(limit, used, Math.Max(0, limit - used), used >= limit);
        }

        List<RuleVersionView>? versions = null;
        if (withVersions)
        {
            var stored = await db.RuleVersions.AsNoTracking().Where(v => v.ProgramId == rule.ProgramId && v.RuleId == rule.Id)
                .OrderByDescending(v => v.Version).ToListAsync(ct);
            // The version added in this request is not in the database yet.
            versions = stored.Concat(db.RuleVersions.Local.Where(v => v.ProgramId == rule.ProgramId && v.RuleId == rule.Id))
                .DistinctBy(v => v.Version).OrderByDescending(v => v.Version)
                .Select(v => new RuleVersionView(v.Version, books.Parse(v.Definition), v.CreatedAt, v.CreatedBy)).ToList();
        }

        var bound = RuleBooks.Bound(rule.Id, rule.Version, definition, campaign);
        var now = Now;
        var inForce = rule.Status == RuleStatus.Active && (rule.CampaignId is null || campaign is { Status: RuleStatus.Active })
            && (bound.Definition.ValidFrom is null || bound.Definition.ValidFrom <= now) && (bound.Definition.ValidTo is null || now < bound.Definition.ValidTo)
            && budget is not { Exhausted: true };
        return new RuleView(rule.Id, rule.Version, rule.Status, inForce, rule.CampaignId, definition, budget, rule.CreatedAt, rule.UpdatedAt, rule.UpdatedBy, versions);
    }

    /// <summary>
    /// The program's base earn rate as the rules list shows it: a built-in rule, in force while the rate is above 0, changed
    /// only through the program's settings.
    /// </summary>
    public static RuleView BaseRateView(LoyaltyProgram program)
    {
        var definition = (RuleBooks.BaseRate(program)?.Definition ?? new RuleDefinition
        {
            Name = $"Base rate: off (0 {program.PointsName} per {program.Currency})",
            Priority = int.MinValue,
        }) with
        { Description = BuiltInRule.Message };
        var inForce = program.EarnRate > 0;
        return new RuleView(RuleBooks.BaseRateId, 1, inForce ? RuleStatus.Active : RuleStatus.Inactive, inForce, null, definition, null,
            program.CreatedAt, program.UpdatedAt, "program", BuiltIn: true);
    }

    /// <summary>What a change of base_rate through the rules API gets.</summary>
    public static readonly Failure BuiltInRule = RuleErrors.BuiltInRule.With(
        "base_rate is the program's base earn rate, built in: change it with PATCH /v1/admin/program (earnRate, earnRounding).");

    public Task<Campaign?> CampaignOfAsync(EarningRule rule, CancellationToken ct) => rule.CampaignId is null
        ? Task.FromResult<Campaign?>(null)
        : db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.ProgramId == rule.ProgramId && c.Id == rule.CampaignId, ct);

    public void Changed(string programId) => books.Forget(programId);

    private static bool IsMultiplier(RuleDefinition d) => d.Effects.Any(e => e is MultiplierEffect);

    private void AddVersion(EarningRule rule) => db.RuleVersions.Add(new EarningRuleVersion
    {
        ProgramId = rule.ProgramId,
        RuleId = rule.Id,
        Version = rule.Version,
        Definition = rule.Definition,
        CreatedAt = rule.UpdatedAt,
        CreatedBy = rule.UpdatedBy,
    });

    private async Task EnsureBudgetAsync(EarningRule rule, RuleDefinition definition, CancellationToken ct)
    {
        // The row exists before the first purchase, so a till can lock it rather than race to insert it.
        if (definition.Caps?.Budget is not null && !await db.RuleBudgets.AnyAsync(b => b.ProgramId == rule.ProgramId && b.RuleId == rule.Id, ct)
            && !db.RuleBudgets.Local.Any(b => b.ProgramId == rule.ProgramId && b.RuleId == rule.Id))
        {
            db.RuleBudgets.Add(new RuleBudget { ProgramId = rule.ProgramId, RuleId = rule.Id });
        }
    }
}
