using Treu.Domain.Common;
using Treu.Server.Hosting;
using Treu.Server.Rules;
using Treu.Server.Storage;

namespace Treu.Server.Admin;

/// <summary>
/// Writes who changed what to the audit trail, in the unit of work of the change itself (it is saved with it, or not at
/// all): the actor (<c>api_key:…</c> or <c>staff:…</c>), the person's name when staff acted, and the details as JSON.
/// </summary>
public sealed class AuditTrail(TreuDbContext db, RuleBooks books, TimeProvider clock)
{
    public void Record(Caller caller, string action, string targetType, string targetId, object details) => db.AuditEntries.Add(new AuditEntry
    {
        ProgramId = caller.ProgramId,
        At = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime),
        Actor = caller.Actor,
        ActorName = caller.ActorName,
        Action = action,
        TargetType = targetType,
        TargetId = targetId,
        Details = books.Serialize(details),
    });
}
