using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Treu.Browser.Tests.Infrastructure.ServerUnderTest))]

namespace Treu.Browser.Tests.Infrastructure;

/// <summary>
/// One Treu server on a real Kestrel, on a free loopback port, over a fresh SQLite database with the demo program seeded:
/// what a browser talks to is what an operator runs.
/// </summary>
public sealed class ServerUnderTest : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "treu-browser-tests", Guid.NewGuid().ToString("n"));
    private WebApplicationFactory<Program>? _factory;

    /// <summary>The server's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Treu:Database:Provider", "sqlite");
            b.UseSetting("Treu:Database:SqlitePath", Path.Combine(_dir, "treu.db"));
            b.UseSetting("Treu:Demo:Seed", "true");
            b.UseSetting("Treu:Jobs:Enabled", "false");
            // The console's specs run the figures roll-up themselves and expect it to take in what they just booked.
            b.UseSetting("Treu:Jobs:FiguresLag", "00:00:00");
            // The settings file's urls (port 5080, for `dotnet run`) would win over UseKestrel's port below, and two
            // runs of the suite on one machine would race for it.
            b.UseSetting("urls", "http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
