using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>Runs <see cref="VoucherExpiry"/> on the jobs' timer. Every node may run it; the job's locks make that safe.</summary>
public sealed class VoucherExpiryService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<VoucherExpiryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Jobs.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Jobs.Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<VoucherExpiry>().RunAsync(stoppingToken);
                if (run.Processed > 0)
                {
                    log.LogInformation("Job {Job} closed {Count} vouchers", run.Job, run.Processed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Job {Job} failed; it runs again at the next tick", VoucherExpiry.Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
