using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Server.Admin;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rules;

public static class RuleEndpoints
{
    public static void MapRuleEndpoints(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/v1/admin/rules").WithTags("Earning rules").RequireScopes(Scopes.Admin);

        rules.MapPost("", Create).WithName("createRule").AccessForAdmin(201).Idempotent()
            .WithSummary("Create an earning rule, as a draft")
            .WithDescription("The definition is validated on save; every problem is named by its JSON path (definition.conditions[0].in …). "
                + "A draft counts nowhere until it is activated; simulate it first.")
            .Produces<RuleView>(201).WithRequestExample(Examples.CreateRule).WithResponseExample(201, Examples.Rule);

        rules.MapGet("", List).WithName("listRules").AccessForAdmin(200).WithSummary("List the earning rules, by priority")
            .WithDescription("The program's base earn rate is listed too, last, as the built-in rule base_rate (builtIn: true): it gives points like a rule "
                + "and appears in every breakdown, but is changed with PATCH /v1/admin/program.")
            .Produces<RuleView[]>().WithResponseExample(200, Examples.RuleList);

        rules.MapGet("/{id}", Get).WithName("getRule").AccessForAdmin(200).WithSummary("Read a rule with all its versions (base_rate: the program's base earn rate)")
            .Produces<RuleView>().WithResponseExample(200, Examples.RuleWithVersions);

        rules.MapPut("/{id}", Update).WithName("updateRule").AccessForAdmin(200).Idempotent()
            .WithSummary("Change a rule: saves a new version")
            .WithDescription("Transactions keep the version they were computed with; an active rule counts at its new version from now on.")
            .Produces<RuleView>().WithRequestExample(Examples.UpdateRule).WithResponseExample(200, Examples.RuleWithVersions);

        rules.MapPost("/{id}/activate", (string id, HttpContext http, IdempotentWrites writes, RuleAdmin admin) =>
                SetStatus(id, RuleStatus.Active, http, writes, admin)).WithName("activateRule").AccessForAdmin(200).Idempotent()
            .WithSummary("Switch a rule on").Produces<RuleView>().WithResponseExample(200, Examples.Rule);

        rules.MapPost("/{id}/deactivate", (string id, HttpContext http, IdempotentWrites writes, RuleAdmin admin) =>
                SetStatus(id, RuleStatus.Inactive, http, writes, admin)).WithName("deactivateRule").AccessForAdmin(200).Idempotent()
            .WithSummary("Switch a rule off").Produces<RuleView>().WithResponseExample(200, Examples.Rule);

        rules.MapPost("/simulate", SimulateDraft).WithName("simulateDraftRule").AccessForAdmin(200)
            .WithSummary("What if: run a draft rule, unsaved, against the last days' transactions")
            .WithDescription("Answers how many members it would have reached and how many points it would have cost, beside the rules in force.")
            .Produces<SimulationView>().WithRequestExample(Examples.SimulateDraft).WithResponseExample(200, Examples.Simulation);

        rules.MapPost("/{id}/simulate", SimulateStored).WithName("simulateRule").AccessForAdmin(200)
            .WithSummary("What if: run a saved rule (its current version, whatever its status) against the last days' transactions")
            .Produces<SimulationView>().WithRequestExample(Examples.Simulate).WithResponseExample(200, Examples.Simulation);

        app.MapGet("/v1/admin/audit", Audit).WithName("listAuditEntries").WithTags("Audit").RequireScopes(Scopes.Admin).AccessForAdmin(200)
            .WithSummary("Who changed what, when: rules and campaigns, newest first")
            .Produces<AuditEntryView[]>().WithResponseExample(200, Examples.Audit);
    }

    private static async Task<Results<KeptCreated<RuleView>, ProblemHttpResult>> Create(RuleRequest body, HttpContext http, IdempotentWrites writes, RuleAdmin admin)
    {
        if (RuleAdmin.CheckNew(body) is { } invalid)
        {
            return Problems.For(invalid);
        }

        var caller = http.Caller();
        var result = await writes.CreateAsync(http, body, [], ct => admin.CreateRuleAsync(caller, body, ct));
        admin.Changed(caller.ProgramId);
        return result;
    }

    private static async Task<IResult> List(HttpContext http, RuleAdmin admin, string? status, string? campaignId, CancellationToken ct)
    {
        if (status is not null && status is not (RuleStatus.Draft or RuleStatus.Active or RuleStatus.Inactive))
        {
            return new Validation().Add("status", "must be draft, active or inactive").ToProblem();
        }

        return Results.Ok(await admin.ListAsync(http.Caller().ProgramId, status, campaignId, ct));
    }

    private static async Task<IResult> Get(string id, HttpContext http, RuleAdmin admin, CancellationToken ct) =>
        await admin.GetAsync(http.Caller().ProgramId, id, ct) is { } rule ? Results.Ok(rule) : Problems.For(NotFound(id));

    private static async Task<Results<KeptOk<RuleView>, ProblemHttpResult>> Update(string id, RuleRequest body, HttpContext http, IdempotentWrites writes, RuleAdmin admin)
    {
        if (RuleAdmin.CheckChange(id, body) is { } invalid)
        {
            return Problems.For(invalid);
        }

        var caller = http.Caller();
        var result = await writes.ChangeAsync(http, body, [], ct => admin.ChangeRuleAsync(caller, id, body, ct));
        admin.Changed(caller.ProgramId);
        return result;
    }

    private static async Task<Results<KeptOk<RuleView>, ProblemHttpResult>> SetStatus(string id, string status, HttpContext http, IdempotentWrites writes, RuleAdmin admin)
    {
        if (id == RuleBooks.BaseRateId)
        {
            return Problems.For(RuleAdmin.BuiltInRule);
        }

        var caller = http.Caller();
        var result = await writes.ChangeAsync(http, new { id, status }, [], ct => admin.SwitchRuleAsync(caller, id, status, ct));
        admin.Changed(caller.ProgramId);
        return result;
    }

    private static async Task<IResult> SimulateDraft(SimulationRequest body, HttpContext http, Simulation simulation, CancellationToken ct)
    {
        var check = Simulation.Check(body, draft: true);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        return Results.Ok(await simulation.RunAsync(http.Caller().ProgramId, [new SimulatedRule("(draft)", 0, body.Definition!)], body.Days, ct));
    }

    private static async Task<IResult> SimulateStored(string id, SimulationRequest body, HttpContext http, TreuDbContext db, Simulation simulation, RuleBooks books,
        CancellationToken ct)
    {
        var check = Simulation.Check(body, draft: false);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var programId = http.Caller().ProgramId;
        var rule = await db.Rules.AsNoTracking().SingleOrDefaultAsync(r => r.ProgramId == programId && r.Id == id, ct);
        if (rule is null)
        {
            return Problems.For(NotFound(id));
        }

        return Results.Ok(await simulation.RunAsync(programId, [new SimulatedRule(rule.Id, rule.Version, books.Parse(rule.Definition))], body.Days, ct));
    }

    private static async Task<IResult> Audit(HttpContext http, AuditLog log, string? targetType, string? targetId, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
        {
            return new Validation().Add("limit", "must be between 1 and 1000").ToProblem();
        }

        var page = await log.PageAsync(http.Caller().ProgramId, targetType, targetId, null, 0, limit ?? 100, ct);
        return Results.Ok(page.Entries.Select(AuditLog.View));
    }

    public static Failure NotFound(string id) => RuleErrors.RuleNotFound.With($"No rule '{(id.Length > 64 ? id[..64] : id)}' in this program.");
}
