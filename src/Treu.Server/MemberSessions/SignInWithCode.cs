using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Server.Hosting;
using Treu.Server.Staff;
using Treu.Server.Storage;

namespace Treu.Server.MemberSessions;

/// <summary>
/// A member exchanges the code they were sent for a session. Only the newest code counts; an unknown address, a code
/// never sent, a wrong, spent, expired or over-guessed one are all answered alike (400 <c>wrong_code</c>).
/// </summary>
public sealed class SignInWithCode(TreuDbContext db, MemberTokens tokens, IOptions<TreuOptions> options, TimeProvider clock)
{
    public sealed record Order(SignInAddress Address, string Code);

    public static Result<Order> Check(SignInWithCodeRequest body)
    {
        var check = new Validation();
        if (body.OneTimeCode is not { Length: 6 } code || !code.All(char.IsAsciiDigit))
        {
            check.Add("oneTimeCode", "must be the six digits that were sent");
        }

        var address = SignInAddress.Check(check, body.ProgramId, body.Email, body.Phone);
        return address.Failure is { } invalid ? invalid : new Order(address.Value, body.OneTimeCode!);
    }

    public async Task<Result<MemberSessionView>> RunAsync(Order order, CancellationToken ct)
    {
        var wrong = StaffErrors.WrongCode.With("The code is wrong, used or expired: ask for a new one.", "oneTimeCode");
        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        if (await order.Address.FindAsync(db, ct) is not { } member)
        {
            return wrong;
        }

        var code = await db.MemberSignInCodes.AsNoTracking().Where(c => c.ProgramId == member.ProgramId && c.MemberId == member.Id)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        var guesses = options.Value.MemberSessions.CodeGuesses;
        if (code is null || code.UsedAt is not null || code.ExpiresAt <= now || code.WrongGuesses >= guesses || code.Channel != order.Address.Channel)
        {
            return wrong;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(RequestSignInCode.HashOf(code.Id, order.Code)), Encoding.ASCII.GetBytes(code.CodeHash)))
        {
            await db.MemberSignInCodes.Where(c => c.Id == code.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.WrongGuesses, c => c.WrongGuesses + 1), ct);
            return wrong;
        }

        // Spent by the first request that gets here, on whichever node: a code opens one session.
        var spent = await db.MemberSignInCodes.Where(c => c.Id == code.Id && c.UsedAt == null && c.WrongGuesses < guesses)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now), ct);
        if (spent == 0)
        {
            return wrong;
        }

        var session = tokens.Open(member.ProgramId, member.Id, $"code:{code.Channel}");
        await db.SaveChangesAsync(ct);
        return session;
    }
}
