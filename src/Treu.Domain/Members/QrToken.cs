using System.Security.Cryptography;
using System.Text;

namespace Treu.Domain.Members;

/// <summary>
/// The code the wallet shows at the till: the member id and an expiry, signed with the program's secret.
/// It lives for minutes, so a screenshot from yesterday identifies nobody.
/// </summary>
public static class QrToken
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static string Issue(string memberId, DateTime expiresAtUtc, string secret)
    {
        var expires = new DateTimeOffset(expiresAtUtc, TimeSpan.Zero).ToUnixTimeSeconds();
        var payload = $"{memberId}.{expires}";
        return $"{payload}.{Sign(payload, secret)}";
    }

    /// <summary>The member id the token names, or null when it is forged, malformed or expired.</summary>
    public static string? Verify(string? token, DateTime nowUtc, string secret)
    {
        if (token is null || token.Length > 200)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[1], out var expires))
        {
            return null;
        }

        var expected = Sign($"{parts[0]}.{parts[1]}", secret);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        return new DateTimeOffset(nowUtc, TimeSpan.Zero).ToUnixTimeSeconds() <= expires ? parts[0] : null;
    }

    private static string Sign(string payload, string secret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
        // 128 bits of the MAC are plenty for a token that lives minutes and keep the QR code small.
        return Convert.ToBase64String(mac, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
