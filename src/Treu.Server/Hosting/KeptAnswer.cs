using System.Text;

namespace Treu.Server.Hosting;

/// <summary>
/// A write's answer as kept for its retries: the first answer and every replay send the same bytes. The status is the
/// one the endpoint declares (see <see cref="KeptCreated{T}"/>, <see cref="KeptOk{T}"/>), which the OpenAPI document
/// reads from the endpoint's return type.
/// </summary>
public abstract class KeptAnswer(string body, bool replayed) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public string Body { get; } = body;

    public bool Replayed { get; } = replayed;

    public abstract int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext http)
    {
        if (Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        http.Response.StatusCode = StatusCode;
        http.Response.ContentType = ContentType;
        await http.Response.WriteAsync(Body, Encoding.UTF8, http.RequestAborted);
    }

    protected static void Declare(EndpointBuilder builder, int status, Type body) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, body, ["application/json"]));
}
