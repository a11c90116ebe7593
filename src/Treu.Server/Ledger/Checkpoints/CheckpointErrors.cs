using Treu.Domain.Common;

namespace Treu.Server.Ledger.Checkpoints;

public static class CheckpointErrors
{
    public static readonly ErrorCode CheckpointNotFound = new("checkpoint_not_found", FailureKind.NotFound);
    public static readonly ErrorCode HeadsNotKept = new("checkpoint_heads_not_kept", FailureKind.NotFound);
}
