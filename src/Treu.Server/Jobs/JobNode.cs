namespace Treu.Server.Jobs;

/// <summary>This server process, as lease holders and claimers of deliveries name it: one per host, so two hosts in one process are two nodes.</summary>
public sealed class JobNode
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():n}";
}
