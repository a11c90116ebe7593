using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Treu.Server.Hosting;

/// <summary>201 Created with a <typeparamref name="T"/>, kept for retries.</summary>
public sealed class KeptCreated<T>(string body, bool replayed) : KeptAnswer(body, replayed), IKept<KeptCreated<T>>, IEndpointMetadataProvider
{
    public static int Status => StatusCodes.Status201Created;

    public override int StatusCode => Status;

    public static KeptCreated<T> From(string body, bool replayed) => new(body, replayed);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, Status, typeof(T));
}
