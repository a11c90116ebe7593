namespace Treu.Server.Jobs;

public sealed record JobRun(string Job, int Processed, DateTime RanAt);
