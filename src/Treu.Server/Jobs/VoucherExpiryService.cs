using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>Runs <see cref="VoucherExpiry"/> on the jobs' timer; the job's locks make it safe on every node.</summary>
public sealed class VoucherExpiryService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<VoucherExpiryService> log)
    : TimedJobService(scopes, options, log)
{
    protected override string JobName => VoucherExpiry.Name;

    protected override string? Processed => "vouchers closed";

    protected override Task<JobRun> RunOnceAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<VoucherExpiry>().RunAsync(ct);
}
