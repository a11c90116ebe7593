using Microsoft.Extensions.Options;
using Treu.Server.Figures;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>Keeps the dashboard's daily figures up to date on the jobs' timer; the roll-up's marks make it safe on every node.</summary>
public sealed class FiguresJobService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<FiguresJobService> log)
    : TimedJobService(scopes, options, log)
{
    protected override string JobName => FiguresRollUp.JobName;

    /// <summary>Not logged: the roll-up runs at every tick while the shop is open.</summary>
    protected override string? Processed => null;

    protected override Task<JobRun> RunOnceAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<FiguresRollUp>().RunAsync(ct);
}
