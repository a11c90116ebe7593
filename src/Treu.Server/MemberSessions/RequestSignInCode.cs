using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.MemberSessions;

/// <summary>
/// A member asks for a one-time code to sign in with. The answer is the same whether or not anyone has that address, so
/// the endpoint cannot be used to find out who is a member.
/// </summary>
public sealed class RequestSignInCode(
    TreuDbContext db,
    IMailSender mail,
    IEnumerable<ISmsSender> sms,
    IOptions<TreuOptions> options,
    TimeProvider clock,
    ILogger<RequestSignInCode> log)
{
    public Result<SignInAddress> Check(RequestSignInCodeRequest body)
    {
        var address = SignInAddress.Check(new Validation(), body.ProgramId, body.Email, body.Phone);
        if (address.Failure is not null)
        {
            return address;
        }

        return address.Value.Email is not null ? (mail.IsConfigured ? address : Unavailable("e-mail")) : (sms.Any() ? address : Unavailable("SMS"));
    }

    public async Task<Result<SignInCodeRequested>> RunAsync(SignInAddress address, CancellationToken ct)
    {
        var settings = options.Value.MemberSessions;
        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var answer = new SignInCodeRequested(address.Channel, now + settings.CodeLifetime);
        if (await address.FindAsync(db, ct) is not { } member)
        {
            return answer;
        }

        var hourAgo = now.AddHours(-1);
        if (await db.MemberSignInCodes.CountAsync(c => c.ProgramId == member.ProgramId && c.MemberId == member.Id && c.CreatedAt > hourAgo, ct) >= settings.CodesPerHour)
        {
            log.LogWarning("Member {Member} asked for more than {Limit} sign-in codes in an hour; none sent", member.Id, settings.CodesPerHour);
            return answer;
        }

        var digits = RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var code = new MemberSignInCode
        {
            Id = Ids.New("msc"),
            ProgramId = member.ProgramId,
            MemberId = member.Id,
            CodeHash = "",
            Channel = address.Channel,
            CreatedAt = now,
            ExpiresAt = answer.ExpiresAt,
        };
        code.CodeHash = HashOf(code.Id, digits);
        db.MemberSignInCodes.Add(code);
        await db.SaveChangesAsync(ct);

        var program = await db.Programs.AsNoTracking().Where(p => p.Id == member.ProgramId).Select(p => p.Name).SingleAsync(ct);
        var text = Text(member, program, digits, settings.CodeLifetime);
        try
        {
            if (address.Email is { } email)
            {
                var message = new MimeMessage { Subject = text.Subject, Body = new TextPart("plain") { Text = text.Body } };
                message.To.Add(MailboxAddress.Parse(email));
                await mail.SendAsync(message, ct);
            }
            else
            {
                await sms.First().SendAsync(address.Phone!, text.Body, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "The sign-in code for member {Member} could not be sent by {Channel}", member.Id, address.Channel);
            await db.MemberSignInCodes.Where(c => c.Id == code.Id).ExecuteDeleteAsync(ct);
            return MemberSessionErrors.CodeNotSent.With($"The code could not be sent by {address.Channel} just now: try again in a minute.");
        }

        return answer;
    }

    /// <summary>The code's hash, salted with its id so that equal codes of two members hash apart.</summary>
    public static string HashOf(string codeId, string digits) => ApiKeySecrets.Hash($"{codeId}:{digits}");

    private static Failure Unavailable(string channel) =>
        MemberSessionErrors.SignInChannelUnavailable.With($"This server sends no sign-in codes by {channel}: ask the program's operator, or sign in another way.");

    private static (string Subject, string Body) Text(Member member, string program, string digits, TimeSpan lifetime)
    {
        var minutes = lifetime.TotalMinutes.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        return member.Language == "de"
            ? ($"Ihr Anmeldecode für {program}",
                $"Ihr Anmeldecode für {program}: {digits}\n\nEr gilt {minutes} Minuten. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht.")
            : ($"Your sign-in code for {program}",
                $"Your sign-in code for {program}: {digits}\n\nIt is valid for {minutes} minutes. If you did not ask for it, ignore this message.");
    }
}
