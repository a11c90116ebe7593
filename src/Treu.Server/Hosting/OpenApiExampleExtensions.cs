namespace Treu.Server.Hosting;

public static class OpenApiExampleExtensions
{
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, string json) =>
        builder.WithMetadata(new OpenApiExample(null, json));

    public static RouteHandlerBuilder WithResponseExample(this RouteHandlerBuilder builder, int status, string json) =>
        builder.WithMetadata(new OpenApiExample(status, json));

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) => builder.WithMetadata(new HonoursIdempotencyKey());
}
