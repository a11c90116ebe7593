namespace Treu.Server.Hosting;

/// <summary>The API key a request came with: which program, which scope, bound to which store.</summary>
public sealed record Caller(string ApiKeyId, string ProgramId, string Scope, string? StoreId)
{
    public bool IsAdmin => Scope == Scopes.Admin;
    public string Channel => Scopes.ChannelOf(Scope);
    public string Actor => $"api_key:{ApiKeyId}";
}
