using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Treu.Server.Hosting;

/// <summary>200 OK with a <typeparamref name="T"/>, kept for retries.</summary>
public sealed class KeptOk<T>(string body, bool replayed) : KeptAnswer(body, replayed), IKept<KeptOk<T>>, IEndpointMetadataProvider
{
    public static int Status => StatusCodes.Status200OK;

    public override int StatusCode => Status;

    public static KeptOk<T> From(string body, bool replayed) => new(body, replayed);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status, typeof(T));
}
