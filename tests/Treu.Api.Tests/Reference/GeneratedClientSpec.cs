using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Treu.Server.Storage;
using Treu.Testing;

namespace Treu.Api.Tests.Reference;

/// <summary>
/// A client generated from the served OpenAPI document (openapi-typescript and openapi-fetch, pinned in
/// tests/client-typescript) runs the everyday flow against a real server: enrol, look up, preview, purchase, balance,
/// ledger, return, and every demo rule read and saved back unchanged. The flow is type-checked against the generated
/// types first, so a document that no longer describes the API fails here.
/// </summary>
public sealed class GeneratedClientSpec : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "treu-tests", Guid.NewGuid().ToString("n"));
    private WebApplicationFactory<Program>? _host;
    private string _url = "";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_generated_typescript_client_runs_the_everyday_flow()
    {
        var client = ClientDirectory();
        StartServer();

        await Node(client, "node_modules/openapi-typescript/bin/cli.js", $"{_url}/openapi/v1.json", "--output", "generated/treu.ts");
        await Node(client, "node_modules/typescript/bin/tsc", "--project", ".");
        var output = await Node(client, "out/flow.js");

        Assert.Contains("the generated client ran the flow", output, StringComparison.Ordinal);
    }

    /// <summary>tests/client-typescript with its packages installed (.ci/run runs npm ci there); skips, and says how, when they are not.</summary>
    private static string ClientDirectory()
    {
        var client = Path.Combine(Repository.Root, "tests", "client-typescript");
        if (!Directory.Exists(Path.Combine(client, "node_modules", "openapi-typescript")))
        {
            var why = $"The generated-client test needs its npm packages: run 'npm ci' in {client} (Node.js 20 or later).";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", why);
            Assert.Skip(why);
        }

        return client;
    }

    /// <summary>The server on a real port, as an integrator's client reaches it, with the demo program, its keys and its rules.</summary>
    private void StartServer()
    {
        Directory.CreateDirectory(_dir);
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("urls", "http://127.0.0.1:0");
            b.UseSetting("Treu:Database:Provider", "sqlite");
            b.UseSetting("Treu:Database:SqlitePath", Path.Combine(_dir, "treu.db"));
            b.UseSetting("Treu:Demo:Seed", "true");
            b.UseSetting("Treu:Jobs:Enabled", "false");
        });
        _host.UseKestrel(0);
        _host.StartServer();
        _url = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    private async Task<string> Node(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TREU_URL"] = _url;
        start.Environment["TREU_POS_KEY"] = Treu.Server.Demo.DemoKeys.PosKey;
        start.Environment["TREU_ADMIN_KEY"] = Treu.Server.Demo.DemoKeys.AdminKey;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"node {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}");
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
