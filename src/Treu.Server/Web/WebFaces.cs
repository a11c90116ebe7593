using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Radzen;
using Treu.Server.Hosting;
using Treu.Server.Staff;
using Treu.Server.Storage;
using Treu.Server.Web.Shared;

namespace Treu.Server.Web;

/// <summary>
/// The web faces served by the same process as the API: the admin console under /admin (and, beside it, the wallet and
/// the till). Blazor with Radzen's components, German by default and English, staff signed in with a cookie session.
/// Their endpoints are outside the API's authorisation matrix: a page is authorised by the person's role
/// (<see cref="StaffPermissions"/>), and whatever it does goes through the same use cases, and their checks, as the API.
/// </summary>
public static class WebFaces
{
    public static readonly string[] Languages = ["de", "en"];

    public static IServiceCollection AddTreuWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("de").AddSupportedCultures(Languages).AddSupportedUICultures(Languages);
            // The person's choice (the language switch's cookie) first, then the browser's languages; German otherwise.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddDataProtection().SetApplicationName("treu").PersistKeysToDbContext<TreuDbContext>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "treu.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddStaffSessions();
        services.AddScoped<Scoped>();
        services.AddScoped<WebProgram>();
        services.AddScoped<ConsoleSession>();
        return services;
    }

    public static WebApplication MapTreuWeb(this WebApplication app)
    {
        app.MapStaticAssets().WithMetadata(WebFace.Instance);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().WithMetadata(WebFace.Instance);
        app.MapPost("/sign-out", (Delegate)SignOutAsync).WithMetadata(WebFace.Instance).ExcludeFromDescription();
        app.MapGet("/culture", Culture).WithMetadata(WebFace.Instance).ExcludeFromDescription();
        app.MapGet("/", () => Results.Redirect("/admin")).WithMetadata(WebFace.Instance).ExcludeFromDescription();
        return app;
    }

    /// <summary>Signs the person out of this browser (a form with an antiforgery token: another site cannot sign anyone out).</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(StaffSessions.Scheme);
        return Results.Redirect(StaffSessions.SignInPath);
    }

    /// <summary>The language switch: remembers the choice for a year and goes back to the page (only within this site).</summary>
    private static IResult Culture(HttpContext http, string? lang, string? returnUrl)
    {
        if (lang is not null && Languages.Contains(lang))
        {
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
        }

        return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/admin");
    }
}
