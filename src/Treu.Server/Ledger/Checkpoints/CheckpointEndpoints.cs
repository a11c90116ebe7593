using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Ledger.Checkpoints;

public static class CheckpointEndpoints
{
    public const int MaxListed = 100;

    public static void MapCheckpointEndpoints(this IEndpointRouteBuilder app)
    {
        var checkpoints = app.MapGroup("/v1/admin/ledger/checkpoints").WithTags("Operations").RequireScopes(Scopes.Admin);
        checkpoints.MapGet("", List).WithName("listLedgerCheckpoints").AccessForAdmin(200)
            .WithSummary("The signed ledger checkpoints, newest first")
            .WithDescription($"limit: 1 to {MaxListed}, default 25; before: a checkpoint number, to page back.")
            .Produces<CheckpointList>().WithResponseExample(200, Examples.CheckpointList);

        checkpoints.MapGet("/latest", Latest).WithName("getLatestLedgerCheckpoint").AccessForAdmin(200)
            .WithSummary("The newest signed checkpoint (404 before the first one is complete)")
            .Produces<CheckpointView>().WithResponseExample(200, Examples.Checkpoint);

        checkpoints.MapGet("/{checkpointId}", Get).WithName("getLedgerCheckpoint").AccessForAdmin(200)
            .WithSummary("One signed checkpoint")
            .Produces<CheckpointView>().WithResponseExample(200, Examples.Checkpoint);

        checkpoints.MapGet("/{checkpointId}/file", Export).WithName("exportLedgerCheckpoint").AccessForAdmin(200)
            .WithSummary("The checkpoint as a JSON file with every member's chain head, for treu ledger verify --checkpoint")
            .WithDescription("Publish it outside the database (a file store, a transparency log): it proves that no entry before it was changed. "
                + "The heads of the newest Treu:Checkpoints:KeepHeads checkpoints are kept; older ones answer 404 checkpoint_heads_not_kept.")
            .Produces<CheckpointFile>(200, "application/json").WithResponseExample(200, Examples.CheckpointFile);
    }

    private static async Task<Results<Ok<CheckpointList>, ProblemHttpResult>> List(HttpContext http, TreuDbContext db, IOptions<TreuOptions> options,
        int? limit, long? before, CancellationToken ct)
    {
        var size = limit ?? 25;
        if (size is < 1 or > MaxListed)
        {
            return Problems.For(CommonErrors.InvalidField("limit", $"must be between 1 and {MaxListed}"));
        }

        var programId = http.Caller().ProgramId;
        var bound = before ?? long.MaxValue;
        var items = await Completed(db, programId).Where(c => c.Number < bound).OrderByDescending(c => c.Number).Take(size).ToListAsync(ct);
        var keptFrom = await KeptFromAsync(db, programId, options.Value.Checkpoints, ct);
        return TypedResults.Ok(new CheckpointList(items.Select(c => CheckpointView.From(c, keptFrom)).ToList()));
    }

    private static async Task<Results<Ok<CheckpointView>, ProblemHttpResult>> Latest(HttpContext http, TreuDbContext db, IOptions<TreuOptions> options, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var latest = await Completed(db, programId).OrderByDescending(c => c.Number).FirstOrDefaultAsync(ct);
        return latest is null
            ? Problems.For(CheckpointErrors.CheckpointNotFound.With("No checkpoint has been completed yet."))
            : TypedResults.Ok(CheckpointView.From(latest, await KeptFromAsync(db, programId, options.Value.Checkpoints, ct)));
    }

    private static async Task<Results<Ok<CheckpointView>, ProblemHttpResult>> Get(string checkpointId, HttpContext http, TreuDbContext db,
        IOptions<TreuOptions> options, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var checkpoint = await Completed(db, programId).SingleOrDefaultAsync(c => c.Id == checkpointId, ct);
        return checkpoint is null
            ? Problems.For(NotFound(checkpointId))
            : TypedResults.Ok(CheckpointView.From(checkpoint, await KeptFromAsync(db, programId, options.Value.Checkpoints, ct)));
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(string checkpointId, HttpContext http, TreuDbContext db,
        IOptions<TreuOptions> options, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var checkpoint = await Completed(db, programId).SingleOrDefaultAsync(c => c.Id == checkpointId, ct);
        if (checkpoint is null)
        {
            return Problems.For(NotFound(checkpointId));
        }

        if (checkpoint.Number < await KeptFromAsync(db, programId, options.Value.Checkpoints, ct))
        {
            return Problems.For(CheckpointErrors.HeadsNotKept.With($"The heads of checkpoint {checkpointId} are no longer kept; its root and signature are."));
        }

        // Streamed a page of heads at a time: at a million members the file is about a hundred megabytes.
        return TypedResults.Stream(stream => CheckpointFiles.WriteAsync(db, checkpoint, stream, ct), "application/json", $"{checkpoint.Id}.json");
    }

    private static IQueryable<LedgerCheckpoint> Completed(TreuDbContext db, string programId) =>
        db.LedgerCheckpoints.AsNoTracking().Where(c => c.ProgramId == programId && c.CompletedAt != null);

    /// <summary>The number of the oldest checkpoint whose heads are still kept.</summary>
    private static async Task<long> KeptFromAsync(TreuDbContext db, string programId, CheckpointOptions settings, CancellationToken ct) =>
        (await db.LedgerCheckpoints.Where(c => c.ProgramId == programId).MaxAsync(c => (long?)c.Number, ct) ?? 0) - settings.KeepHeads + 1;

    private static Failure NotFound(string id) => CheckpointErrors.CheckpointNotFound.With($"No completed checkpoint {id}.");
}
