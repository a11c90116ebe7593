using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

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

/// <summary>201 Created with a <typeparamref name="T"/>, kept for retries.</summary>
public sealed class KeptCreated<T>(string body, bool replayed) : KeptAnswer(body, replayed), IKept<KeptCreated<T>>, IEndpointMetadataProvider
{
    public static int Status => StatusCodes.Status201Created;

    public override int StatusCode => Status;

    public static KeptCreated<T> From(string body, bool replayed) => new(body, replayed);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status, typeof(T));
}

/// <summary>200 OK with a <typeparamref name="T"/>, kept for retries.</summary>
public sealed class KeptOk<T>(string body, bool replayed) : KeptAnswer(body, replayed), IKept<KeptOk<T>>, IEndpointMetadataProvider
{
    public static int Status => StatusCodes.Status200OK;

    public override int StatusCode => Status;

    public static KeptOk<T> From(string body, bool replayed) => new(body, replayed);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status, typeof(T));
}

/// <summary>How <see cref="IdempotentWrites"/> makes a kept answer of a given status.</summary>
public interface IKept<TSelf> where TSelf : KeptAnswer, IKept<TSelf>
{
    static abstract int Status { get; }

    static abstract TSelf From(string body, bool replayed);
}
