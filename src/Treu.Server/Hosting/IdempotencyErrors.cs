using Treu.Domain.Common;

namespace Treu.Server.Hosting;

public static class IdempotencyErrors
{
    /// <summary>The same key is being worked on right now: retry shortly with the same key.</summary>
    public static readonly ErrorCode InProgress = new("idempotency_in_progress", FailureKind.Conflict);

    /// <summary>A kept answer expected but not found (a twin's commit on another node, a key cleared in between): retry.</summary>
    public static readonly ErrorCode ConcurrentConflict = new("concurrent_conflict", FailureKind.Conflict);
    public static readonly ErrorCode KeyReused = new("idempotency_key_reused", FailureKind.Refused);
    public static readonly ErrorCode ExternalIdReused = new("external_id_reused", FailureKind.Refused);
}
