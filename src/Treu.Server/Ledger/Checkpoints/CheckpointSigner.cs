using System.Text;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using Treu.Server.Storage;

namespace Treu.Server.Ledger.Checkpoints;

/// <summary>Signs checkpoints with the configured Ed25519 key (libsodium through NSec) and checks signatures.</summary>
public sealed class CheckpointSigner : IDisposable
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    public CheckpointSigner(IOptions<TreuOptions> options, ILogger<CheckpointSigner> log)
    {
        var settings = options.Value.Checkpoints;
        _key = Key.Import(Ed25519, Seed(settings, log), KeyBlobFormat.RawPrivateKey);
        PublicKey = Convert.ToBase64String(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The public key, base64 of its 32 bytes: what a verifier trusts.</summary>
    public string PublicKey { get; }

    public string Sign(byte[] message) => Convert.ToBase64String(Ed25519.Sign(_key, message));

    public static bool Verify(string publicKey, byte[] message, string signature)
    {
        try
        {
            var key = NSec.Cryptography.PublicKey.Import(Ed25519, Convert.FromBase64String(publicKey), KeyBlobFormat.RawPublicKey);
            return Ed25519.Verify(key, message, Convert.FromBase64String(signature));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The bytes a checkpoint's signature covers: one field a line, so no field can run into the next; times as UTC ticks.</summary>
    public static byte[] Message(string programId, string id, long number, DateTime startedAt, DateTime completedAt, long members, string root) =>
        Encoding.UTF8.GetBytes(FormattableString.Invariant(
            $"treu-ledger-checkpoint-v1\n{programId}\n{id}\n{number}\n{startedAt.Ticks}\n{completedAt.Ticks}\n{members}\n{root}"));

    public void Dispose() => _key.Dispose();

    private static byte[] Seed(CheckpointOptions settings, ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            return Convert.FromBase64String(settings.SigningKey.Trim());
        }

        var path = Path.GetFullPath(settings.SigningKeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var seed = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            try
            {
                // Readable by its owner only; CreateNew, so two processes starting at once keep the first one's key.
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var file = new FileStream(path, create);
                file.Write(Encoding.ASCII.GetBytes(seed));
                log.LogWarning("No checkpoint signing key configured (Treu:Checkpoints:SigningKey): made a new one in {Path}; fine for one node, " +
                    "give every node the same key in production", path);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
