using Microsoft.Extensions.Options;
using Treu.Server.Figures;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>Keeps the dashboard's daily figures up to date on a timer. Every node may run it; the roll-up's marks make that safe.</summary>
public sealed class FiguresJobService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<FiguresJobService> log) : BackgroundService
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
                await scope.ServiceProvider.GetRequiredService<FiguresRollUp>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The figures roll-up failed; it runs again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
