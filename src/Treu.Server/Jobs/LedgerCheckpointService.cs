using Microsoft.Extensions.Options;
using Treu.Server.Ledger.Checkpoints;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>Takes the signed ledger checkpoints on the jobs' timer; <see cref="LedgerCheckpoints"/> makes it safe on every node.</summary>
public sealed class LedgerCheckpointService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<LedgerCheckpointService> log)
    : TimedJobService(scopes, options, log)
{
    protected override string JobName => LedgerCheckpoints.Name;

    /// <summary>Not logged per run: a completed checkpoint is logged with its root.</summary>
    protected override string? Processed => null;

    protected override Task<JobRun> RunOnceAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<LedgerCheckpoints>().RunAsync(ct);
}
