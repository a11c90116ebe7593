using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.MemberSessions;

/// <summary>
/// A trusted integration (the webshop, the app's own backend) vouches for its signed-in customer and opens a session for
/// them, so that the phone or browser holds a token for that member rather than the integration's key.
/// </summary>
public sealed class OpenMemberSession(TreuDbContext db, MemberTokens tokens)
{
    public async Task<Result<MemberSessionView>> RunAsync(Caller caller, string memberId, CancellationToken ct)
    {
        var status = await db.Members.Where(m => m.ProgramId == caller.ProgramId && m.Id == memberId).Select(m => (MemberStatus?)m.Status).SingleOrDefaultAsync(ct);
        if (status is null)
        {
            return MemberErrors.NoSuchMember(memberId);
        }

        if (status == MemberStatus.Erased)
        {
            return MemberErrors.Erased.With("This member's data was erased: nobody signs in to the account any more.");
        }

        var session = tokens.Open(caller.ProgramId, memberId, caller.Actor);
        await db.SaveChangesAsync(ct);
        return session;
    }
}
