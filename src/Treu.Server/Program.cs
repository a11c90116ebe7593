using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Treu.Server.Admin;
using Treu.Server.Cli;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Jobs;
using Treu.Server.Ledger;
using Treu.Server.Ledger.Checkpoints;
using Treu.Server.Members;
using Treu.Server.MemberSessions;
using Treu.Server.Messages;
using Treu.Server.Privacy;
using Treu.Server.Rewards;
using Treu.Server.Rules;
using Treu.Server.Staff;
using Treu.Server.Storage;
using Treu.Server.Tiers;
using Treu.Server.Transactions;
using Treu.Server.Web;
using Treu.Server.Webhooks;

if (args.Length > 0 && Commands.IsCommand(args[0]))
{
    return await Commands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (SettingsCheck.Refuse(builder.Configuration, Console.Error))
{
    return 2;
}

builder.Services.AddTreuServer(builder.Configuration);
builder.WebHost.ConfigureKestrel(k => Limits.ConfigureKestrel(k, builder.Configuration));
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
        services.AddOptions<TreuOptions>().Bind(configuration.GetSection(TreuOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TreuOptions>, TreuOptionsValidation>();
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddTreuLimits();
        services.AddTreuStorage();
        services.AddSingleton<InFlightWrites>();
        services.AddScoped<IdempotentWrites>();
        services.AddScoped<ProgramSettings>();
        services.AddScoped<LedgerAudit>();
        services.AddScoped<LotJobs>();
        services.AddScoped<RuleBooks>();
        services.AddScoped<RuleUsages>();
        services.AddScoped<RuledEarning>();
        services.AddScoped<RuleAdmin>();
        services.AddScoped<ApiKeyAdmin>();
        services.AddScoped<ProgramAdmin>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Simulation>();
        services.AddScoped<DatabaseStartup>();
        services.AddScoped<EnrolMember>();
        services.AddScoped<UpdateMember>();
        services.AddScoped<FindMember>();
        services.AddScoped<RecordPurchase>();
        services.AddScoped<PreviewPurchase>();
        services.AddScoped<ReturnPurchase>();
        services.AddScoped<AdjustPoints>();
        services.AddScoped<TransferPoints>();
        services.AddScoped<RecordMemberEvent>();
        services.AddScoped<DomainEvents>();
        // First among the participants, so that a purchase's own events come before those it causes (tier.changed).
        services.AddScoped<PurchaseEvents>();
        services.AddScoped<IPurchaseParticipant>(sp => sp.GetRequiredService<PurchaseEvents>());
        services.AddScoped<IReturnParticipant>(sp => sp.GetRequiredService<PurchaseEvents>());
        services.AddScoped<TierLadders>();
        services.AddScoped<TierMoves>();
        services.AddScoped<TierQualification>();
        services.AddScoped<TierAdmin>();
        services.AddScoped<TierPreview>();
        services.AddScoped<TierStats>();
        services.AddScoped<SetManualTier>();
        services.AddScoped<TierReview>();
        services.AddScoped<IPurchaseParticipant>(sp => sp.GetRequiredService<TierQualification>());
        services.AddScoped<IReturnParticipant>(sp => sp.GetRequiredService<TierQualification>());
        services.AddHostedService<LotJobService>();
        services.AddHostedService<TierReviewService>();
        services.AddRewards();
        services.AddScoped<AuditTrail>();
        services.AddScoped<Treu.Server.Figures.FiguresRollUp>();
        services.AddScoped<Treu.Server.Figures.ProgramFigures>();
        services.AddScoped<Treu.Server.Members.MemberSearch>();
        services.AddScoped<MemberStory>();
        services.AddScoped<MemberTokens>();
        services.AddScoped<MemberExporter>();
        services.AddScoped<EraseMember>();
        services.AddScoped<RequestSignInCode>();
        services.AddScoped<SignInWithCode>();
        services.AddScoped<OpenMemberSession>();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddHostedService<FiguresJobService>();
        services.AddSingleton<JobNode>();
        services.AddScoped<JobLeases>();
        services.AddScoped<WebhookAdmin>();
        services.AddSingleton<Templates>();
        services.AddScoped<TemplateAdmin>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddScoped<SendMessage>();
        services.AddScoped<Unsubscribe>();
        services.AddScoped<EventRouter>();
        services.AddScoped<WebhookDispatcher>();
        services.AddScoped<IJob>(sp => sp.GetRequiredService<EventRouter>());
        services.AddScoped<IJob>(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHostedService<RepeatingJobService<EventRouter>>();
        services.AddHostedService<RepeatingJobService<WebhookDispatcher>>();
        // Receivers are the retailer's own systems; the dispatcher sets each attempt's time-out itself.
        services.AddHttpClient(WebhookDispatcher.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false });
        services.AddSingleton<Treu.Server.Ledger.Checkpoints.CheckpointSigner>();
        services.AddScoped<Treu.Server.Ledger.Checkpoints.LedgerCheckpoints>();
        services.AddScoped<Treu.Server.Ledger.Checkpoints.CheckpointVerification>();
        services.AddHostedService<LedgerCheckpointService>();

        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<Problems.ExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Problems written by the framework (404 for an unknown route, 405 …) get a code like ours do.
            ctx.ProblemDetails.Extensions.TryAdd("code", HttpErrors.OfFramework.GetValueOrDefault(ctx.ProblemDetails.Status ?? 500, "error"));
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
        });
        // The API's keys and the web faces' staff sessions (AddStaffSessions), with the console's pages.
        services.AddTreuWeb();
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
        app.UseUrlLengthLimit();
        app.UseConcurrencyLimit();
        app.UseRequestBodyLimit();
        // The web faces (pages, their circuit, their files) speak the person's language; the API's endpoints, each with its
        // row in the authorisation matrix, answer every client alike, in the invariant culture.
        app.UseWhen(http => http.GetEndpoint()?.Metadata.GetMetadata<AccessRow>() is null, web => web.UseRequestLocalization());
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseStoredTextInUrls();
        app.UseRateLimiter();

        app.MapOpenApi().AccessForAnyone(200);
        // The reference page's script comes from this server; nothing else may reach a third-party host from a visitor's browser
        // either: no fonts from a CDN, no telemetry, no AI chat, no toolbar of hosted services.
        // Its theme's greys and method colours are darkened (lightened in dark mode) to a contrast of at least 4.5:1 (WCAG AA).
        app.MapScalarApiReference(o => o.WithTitle("Treu loyalty API").DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp().HideDeveloperTools()
                .WithCustomCss(ReadableColours)).AddEndpointFilter(InEnglish).AccessForAnyone(200);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AccessForAnyone(200);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AccessForAnyone(200);

        // The problems each endpoint may answer with are declared in the API reference by OpenApiContract, from what the endpoint does.
        var api = app.MapGroup("");
        api.MapMemberEndpoints();
        api.MapLedgerEndpoints();
        api.MapCheckpointEndpoints();
        api.MapMemberSessionEndpoints();
        api.MapPrivacyEndpoints();
        api.MapPurchaseEndpoints();
        api.MapReturnEndpoints();
        api.MapAdminEndpoints();
        api.MapRuleEndpoints();
        api.MapCampaignEndpoints();
        api.MapEventEndpoints();
        api.MapTierEndpoints();
        api.MapRewardEndpoints();
        api.MapVoucherEndpoints();
        api.MapCouponEndpoints();
        api.MapStaffEndpoints();
        app.MapTreuWeb();
        api.MapWebhookEndpoints();
        api.MapMessageEndpoints();
        AccessMatrix.RequireRowForEveryEndpoint(app);
        return app;
    }

    private const string ReadableColours = """
        .light-mode {
          --scalar-color-2: #555555; --scalar-color-3: #636363;
          --scalar-color-green: #00754a; --scalar-color-red: #c4000a; --scalar-color-yellow: #7d5e00; --scalar-color-blue: #005f9e;
          --scalar-color-orange: #a33a00; --scalar-color-query: #006a6e; --scalar-color-accent: #0062c4;
        }
        .dark-mode { --scalar-color-3: #9a9a9a; }
        """;

    /// <summary>Scalar's page names no language; a screen reader needs one to pronounce it.</summary>
    private static async ValueTask<object?> InEnglish(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        return result is Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult { ContentType: "text/html", ResponseContent: { } html } page
            ? Results.Content(html.Replace("<html>", "<html lang=\"en\">", StringComparison.Ordinal), page.ContentType, statusCode: page.StatusCode)
            : result;
    }

    public static void PrintBanner(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        var options = app.Services.GetRequiredService<IOptions<TreuOptions>>().Value;
        Console.WriteLine();
        Console.WriteLine($"  Treu is running on {address} ({(options.Database.IsPostgres ? "PostgreSQL" : $"SQLite: {Path.GetFullPath(options.Database.SqlitePath)}")})");
        Console.WriteLine($"  API reference:  {address}/scalar");
        Console.WriteLine($"  OpenAPI:        {address}/openapi/v1.json");
        if (options.Demo.Seed)
        {
            Console.WriteLine($"  Demo admin key: {Treu.Server.Demo.DemoKeys.AdminKey}");
            Console.WriteLine($"  Demo POS key:   {Treu.Server.Demo.DemoKeys.PosKey}");
            Console.WriteLine($"  Admin console:  {address}/admin");
            Console.WriteLine($"    owner:   {Treu.Server.Demo.DemoStaff.OwnerEmail} / {Treu.Server.Demo.DemoStaff.OwnerPassword}");
            Console.WriteLine($"    cashier: {Treu.Server.Demo.DemoStaff.CashierEmail} / {Treu.Server.Demo.DemoStaff.CashierPassword}");
            Console.WriteLine("  (demo keys and passwords are public: set Treu__Demo__Seed=false in production)");
        }

        Console.WriteLine();
    }
}

public partial class Program;
