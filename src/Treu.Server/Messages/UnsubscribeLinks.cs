using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Treu.Server.Messages;

/// <summary>
/// The one-click unsubscribe link of a member's marketing e-mail (RFC 8058): the program and the member, protected by
/// the server's data-protection keys (kept in the database, shared by every node), so that nobody can make a link for
/// another member and a link needs no row of its own.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Treu.Messages.Unsubscribe.v1");

    public string TokenFor(string programId, string memberId) => _protector.Protect($"{programId}|{memberId}");

    /// <summary>The program and member of a token this server made; null for any other.</summary>
    public (string ProgramId, string MemberId)? Read(string token)
    {
        try
        {
            return _protector.Unprotect(token).Split('|', 2) is [var program, var member] ? (program, member) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
