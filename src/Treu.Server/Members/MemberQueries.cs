using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Server.Storage;

namespace Treu.Server.Members;

public static class MemberQueries
{
    public static Task<Member?> LoadAsync(TreuDbContext db, string programId, string id, CancellationToken ct, bool tracked = false) =>
        LoadAsync(db, programId, m => m.Id == id, ct, tracked);

    /// <summary>
    /// The member with its cards and consents in one statement (joined: a member has a handful of each), so that a
    /// till's look-up is one round trip rather than one per collection.
    /// </summary>
    public static Task<Member?> LoadAsync(TreuDbContext db, string programId, Expression<Func<Member, bool>> match, CancellationToken ct, bool tracked = false)
    {
        var query = db.Members.Include(m => m.Cards).Include(m => m.Consents).AsSingleQuery().Where(m => m.ProgramId == programId).Where(match);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct);
    }
}
