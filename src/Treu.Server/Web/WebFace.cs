namespace Treu.Server.Web;

/// <summary>Marks an endpoint of a web face: authorised per page by the person's role, not by the API's matrix of key scopes.</summary>
public sealed class WebFace
{
    public static readonly WebFace Instance = new();
}
