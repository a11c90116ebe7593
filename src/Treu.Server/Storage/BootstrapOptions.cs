namespace Treu.Server.Storage;

public sealed class BootstrapOptions
{
    /// <summary>An admin API key to accept from the first start on, for automation. Stored only as a hash.</summary>
    public string? AdminApiKey { get; set; }
}
