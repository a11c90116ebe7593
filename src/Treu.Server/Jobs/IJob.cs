namespace Treu.Server.Jobs;

/// <summary>A job an operator or a test can run on demand (<c>POST /v1/admin/jobs/{name}/run</c>) beside the ledger's.</summary>
public interface IJob
{
    string Name { get; }

    Task<JobRun> RunAsync(CancellationToken ct);
}
