using System.Security.Cryptography;
using System.Text;

namespace Treu.Server.Hosting;

public static class ApiKeySecrets
{
    public static string New() => "treu_" + Domain.Common.Ids.Random(40);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string PrefixOf(string secret) => secret[..Math.Min(12, secret.Length)];
}
