using System.Security.Cryptography;
using System.Text;
using Treu.Domain.Common;

namespace Treu.Server.Webhooks;

/// <summary>
/// Signatures as the Standard Webhooks specification says: the HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>
/// with the secret's key, base64, as <c>v1,&lt;signature&gt;</c>; several, separated by spaces, while two secrets are valid.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 32 random bytes.</summary>
    public static string NewSecret()
    {
        Span<byte> key = stackalloc byte[32];
        SecureRandom.Fill(key);
        return SecretPrefix + Convert.ToBase64String(key);
    }

    /// <summary>Whether a secret a caller chose is one: <c>whsec_</c> and the base64 of 24 to 64 bytes.</summary>
    public static bool IsSecret(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> key = stackalloc byte[96];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], key, out var length) && length is >= 24 and <= 64;
    }

    /// <summary>The <c>webhook-signature</c> header's value: one <c>v1,…</c> per secret.</summary>
    public static string Sign(IEnumerable<string> secrets, string id, long timestamp, byte[] body) =>
        string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(Hmac(secret, id, timestamp, body))));

    private static byte[] Hmac(string secret, string id, long timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }
}
