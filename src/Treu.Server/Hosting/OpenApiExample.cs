namespace Treu.Server.Hosting;

/// <summary>An example body attached to an endpoint, copied into the OpenAPI document by <see cref="ExampleTransformer"/>.</summary>
public sealed record OpenApiExample(int? ResponseStatus, string Json);
