namespace Treu.Server.Ledger.Checkpoints;

/// <summary><c>Treu:Checkpoints</c>: how often the ledger is checkpointed and with which key it is signed.</summary>
public sealed class CheckpointOptions
{
    /// <summary>How long after one checkpoint started the next one starts.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The Ed25519 private key, as base64 of its 32-byte seed. Give the same key to every node.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Where the key is read from when <see cref="SigningKey"/> is not set; created with a new key if missing (for a single
    /// node in development or a demo: every node must sign with the same key). By default beside the SQLite database.
    /// </summary>
    public string SigningKeyFile { get; set; } = DefaultSigningKeyFile;

    public static string DefaultSigningKeyFile =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "treu",
            "checkpoint-signing.key");

    /// <summary>Members per batch: one batch is one short transaction and one page of heads.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How many of the newest checkpoints keep their heads (for export); older ones keep their root and signature.</summary>
    public int KeepHeads { get; set; } = 30;
}
