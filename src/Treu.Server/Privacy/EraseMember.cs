using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Admin;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.MemberSessions;
using Treu.Server.Storage;

namespace Treu.Server.Privacy;

/// <summary>
/// Erases a member's personal data at once (GDPR Art. 17) and keeps everything the retailer's accounts and the ledger
/// need: the pseudonymous account with its id and number, every ledger entry, every purchase with its amounts. The
/// erasure is recorded in the audit trail (who, when, why, never what was erased) and told to other systems by a
/// <c>member.erased</c> event.
/// </summary>
public sealed class EraseMember(TreuDbContext db, MemberLedgerStore ledger, MemberTokens tokens, AuditTrail audit, DomainEvents events, TimeProvider clock)
{
    public sealed record Order(Caller Caller, string MemberId, string Reason);

    public static Result<Order> Check(Caller caller, string memberId, EraseMemberRequest body)
    {
        var check = new Validation().Require("reason", body.Reason, 500);
        return check.ToFailure() is { } invalid ? invalid : new Order(caller, memberId, body.Reason!.Trim());
    }

    public async Task<Result<ErasureView>> RunAsync(Order order, CancellationToken ct)
    {
        var (caller, id) = (order.Caller, order.MemberId);
        var member = await ledger.LockAsync(caller.ProgramId, id, ct);
        if (member is null)
        {
            return MemberErrors.NoSuchMember(id);
        }

        if (member.Status == MemberStatus.Erased)
        {
            return MemberErrors.Erased.With("This member's data was erased already.");
        }

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        member.Erase(now);
        var p = caller.ProgramId;
        await db.MemberCards.Where(c => c.ProgramId == p && c.MemberId == id).ExecuteDeleteAsync(ct);
        await db.MemberSignInCodes.Where(c => c.ProgramId == p && c.MemberId == id).ExecuteDeleteAsync(ct);
        // Free text staff wrote about the member outside the ledger; the ledger's own reasons describe movements of points.
        await db.Returns.Where(r => r.ProgramId == p && r.MemberId == id && r.Reason != null).ExecuteUpdateAsync(u => u.SetProperty(r => r.Reason, (string?)null), ct);
        await db.TierChanges.Where(t => t.ProgramId == p && t.MemberId == id && t.Reason != null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Reason, (string?)null), ct);
        var sessions = await tokens.EndAsync(p, id, null, ct);

        audit.Record(caller, "member.erased", "member", id, new { reason = order.Reason });
        events.Record(member, EventTypes.MemberErased, new MemberErased(id, now), now);
        return new ErasureView(id, now, sessions);
    }
}
