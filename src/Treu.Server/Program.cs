using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Scalar.AspNetCore;
using Treu.Server.Admin;
using Treu.Server.Cli;
using Treu.Server.Hosting;
using Treu.Server.Jobs;
using Treu.Server.Ledger;
using Treu.Server.Members;
using Treu.Server.Rules;
using Treu.Server.Storage;
using Treu.Server.Transactions;

// The settings files are watched for changes by polling them every few seconds, not by an inotify watcher on the content
// root: that watcher also sees every write to every file under the directory (the SQLite database beside the app, by
// default), and reading and filtering those events took 12 % of the server's CPU under load. An operator's own
// DOTNET_USE_POLLING_FILE_WATCHER wins.
if (Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}

if (args.Length > 0 && Commands.IsCommand(args[0]))
{
    return await Commands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTreuServer(builder.Configuration);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize =
    builder.Configuration.GetSection(LimitOptions.Section).Get<LimitOptions>()?.MaxRequestBodyBytes ?? new LimitOptions().MaxRequestBodyBytes);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseTreuServer();
app.Lifetime.ApplicationStarted.Register(() => TreuServer.PrintBanner(app));
await app.RunAsync();
return 0;

/// <summary>The host's wiring, shared by the server and the tests' in-memory host.</summary>
public static class TreuServer
{
    public static IServiceCollection AddTreuServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TreuOptions>(configuration.GetSection("Treu"));
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddTreuLimits(configuration);
        services.AddTreuStorage();
        services.AddSingleton<InFlightWrites>();
        services.AddScoped<IdempotentWrites>();
        services.AddScoped<ProgramSettings>();
        services.AddScoped<LedgerAudit>();
        services.AddScoped<LotJobs>();
        services.AddScoped<Treu.Server.Import.BulkWriter>();
        services.AddScoped<RuleBooks>();
        services.AddScoped<RuleUsages>();
        services.AddScoped<RuledEarning>();
        services.AddScoped<RuleAdmin>();
        services.AddScoped<Simulation>();
        services.AddScoped<DatabaseStartup>();
        services.AddHostedService<LotJobService>();

        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<Problems.ExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Problems written by the framework (404 for an unknown route, 405 …) get a code like ours do.
            ctx.ProblemDetails.Extensions.TryAdd("code", ctx.ProblemDetails.Status switch
            {
                404 => "not_found",
                405 => "method_not_allowed",
                415 => "unsupported_media_type",
                _ => "error",
            });
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
        });
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddHealthChecks().AddDbContextCheck<TreuDbContext>("database", tags: ["ready"]);
        services.AddOpenApi(o => o.AddTreuDocument());
        return services;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().RunAsync(CancellationToken.None);
    }

    public static WebApplication UseTreuServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConcurrencyLimit();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi().AccessForAnyone(200);
        app.MapScalarApiReference(o => o.WithTitle("Treu loyalty API")).AccessForAnyone(200);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AccessForAnyone(200);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AccessForAnyone(200);

        // The problems each endpoint may answer with are declared in the API reference by OpenApiContract, from what the endpoint does.
        var api = app.MapGroup("");
        api.MapMemberEndpoints();
        api.MapLedgerEndpoints();
        api.MapPurchaseEndpoints();
        api.MapReturnEndpoints();
        api.MapAdminEndpoints();
        api.MapRuleEndpoints();
        api.MapCampaignEndpoints();
        api.MapEventEndpoints();
        AccessMatrix.RequireRowForEveryEndpoint(app);
        return app;
    }

    public static void PrintBanner(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TreuOptions>>().Value;
        Console.WriteLine();
        Console.WriteLine($"  Treu is running on {address} ({(options.Database.IsPostgres ? "PostgreSQL" : $"SQLite: {Path.GetFullPath(options.Database.SqlitePath)}")})");
        Console.WriteLine($"  API reference:  {address}/scalar");
        Console.WriteLine($"  OpenAPI:        {address}/openapi/v1.json");
        if (options.Demo.Seed)
        {
            Console.WriteLine($"  Demo admin key: {DatabaseStartup.DemoAdminKey}");
            Console.WriteLine($"  Demo POS key:   {DatabaseStartup.DemoPosKey}");
            Console.WriteLine("  (demo keys are public: set Treu__Demo__Seed=false in production)");
        }

        Console.WriteLine();
    }
}

public partial class Program;
