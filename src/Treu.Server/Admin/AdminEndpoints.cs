using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Jobs;
using Treu.Server.Storage;
using Treu.Server.Webhooks;

namespace Treu.Server.Admin;

public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").RequireScopes(Scopes.Admin);

        var keys = admin.MapGroup("/api-keys").WithTags("API keys");
        keys.MapPost("", CreateKey).WithName("createApiKey").AccessForAdmin(201).WithSummary("Create an API key; the key is shown once, in this answer")
            .Produces<CreatedApiKeyView>(201).WithRequestExample(Examples.CreateKey).WithResponseExample(201, Examples.CreatedKey);
        keys.MapGet("", ListKeys)
            .WithName("listApiKeys")
            .AccessForAdmin(200)
            .WithSummary("List API keys (never their secrets)")
            .Produces<ApiKeyView[]>()
            .WithResponseExample(200, Examples.KeyList);
        keys.MapDelete("/{id}", RevokeKey).WithName("revokeApiKey").AccessForAdmin(204).WithSummary("Revoke an API key").Produces(204);

        var program = admin.MapGroup("/program").WithTags("Program");
        program.MapGet("", GetProgram)
            .WithName("getProgram")
            .AccessForAdmin(200)
            .WithSummary("The program's settings")
            .Produces<ProgramView>()
            .WithResponseExample(200, Examples.Program);
        program.MapPatch("", UpdateProgram)
            .WithName("updateProgram")
            .AccessForAdmin(200)
            .WithSummary("Change the program's earn rate, pending days, expiry, redemption limits, return policy …")
            .Produces<ProgramView>()
            .WithRequestExample(Examples.UpdateProgram)
            .WithResponseExample(200, Examples.Program);

        admin.MapPost("/jobs/{name}/run", RunJob).WithName("runJob").AccessForAdmin(200).WithTags("Operations")
            .WithSummary($"Run a background job now: {string.Join(", ", JobNames)}").Produces<JobRun>().WithResponseExample(200, Examples.JobRun);
    }

    private static async Task<IResult> CreateKey(CreateApiKeyRequest body, HttpContext http, ApiKeyAdmin keys, WriteTransaction tx, CancellationToken ct)
    {
        var order = ApiKeyAdmin.Check(http.Caller(), body);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        var created = await tx.RunAloneAsync(c => keys.CreateAsync(order.Value, c), r => r.Succeeded, ct);
        return created.Failure is { } refused ? Problems.For(refused) : Results.Created($"/v1/admin/api-keys/{created.Value.Id}", created.Value);
    }

    private static async Task<IResult> ListKeys(HttpContext http, ApiKeyAdmin keys, CancellationToken ct) => Results.Ok(await keys.ListAsync(http.Caller().ProgramId, ct));

    private static async Task<IResult> RevokeKey(string id, HttpContext http, ApiKeyAdmin keys, WriteTransaction tx, CancellationToken ct)
    {
        var revoked = await tx.RunAloneAsync(c => keys.RevokeAsync(http.Caller(), id, c), r => r.Succeeded, ct);
        return revoked.Failure is { } missing ? Problems.For(missing) : Results.NoContent();
    }

    private static async Task<IResult> GetProgram(HttpContext http, ProgramAdmin program, CancellationToken ct) => Results.Ok(await program.GetAsync(http.Caller().ProgramId, ct));

    private static async Task<IResult> UpdateProgram(UpdateProgramRequest body, HttpContext http, ProgramAdmin program, WriteTransaction tx, CancellationToken ct)
    {
        var order = ProgramAdmin.Check(http.Caller(), body);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        var updated = await tx.RunAloneAsync(c => program.RunAsync(order.Value, c), r => r.Succeeded, ct);
        return updated.Failure is { } refused ? Problems.For(refused) : Results.Ok(updated.Value);
    }

    private static readonly string[] JobNames =
        [.. LotJobs.Names, TierReview.Name, VoucherExpiry.Name, Figures.FiguresRollUp.JobName, EventRouter.JobName, WebhookDispatcher.JobName,
            Ledger.Checkpoints.LedgerCheckpoints.Name];

    private static async Task<IResult> RunJob(string name, IServiceProvider services, CancellationToken ct) => name switch
    {
        TierReview.Name => Results.Ok(await services.GetRequiredService<TierReview>().RunAsync(ct)),
        VoucherExpiry.Name => Results.Ok(await services.GetRequiredService<VoucherExpiry>().RunAsync(ct)),
        Figures.FiguresRollUp.JobName => Results.Ok(await services.GetRequiredService<Figures.FiguresRollUp>().RunAsync(ct)),
        // Run by hand, a checkpoint is taken now, whenever the last one was.
        Ledger.Checkpoints.LedgerCheckpoints.Name => Results.Ok(await services.GetRequiredService<Ledger.Checkpoints.LedgerCheckpoints>().RunAsync(ct, startNow: true)),
        _ when LotJobs.Names.Contains(name) => Results.Ok(await services.GetRequiredService<LotJobs>().RunAsync(name, ct)),
        _ when services.GetServices<IJob>().FirstOrDefault(j => j.Name == name) is { } job => Results.Ok(await job.RunAsync(ct)),
        _ => Problems.For(AdminErrors.JobNotFound.With($"No job '{(name.Length > 40 ? name[..40] : name)}'. Jobs: {string.Join(", ", JobNames)}.")),
    };
}
