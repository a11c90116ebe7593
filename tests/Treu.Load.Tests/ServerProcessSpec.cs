using System.Diagnostics;
using Treu.Testing;

namespace Treu.Load.Tests;

/// <summary>The server as an operator starts it: its own process, in its own directory.</summary>
[Trait("Tier", "slow")]
public sealed class ServerProcessSpec
{
    [Fact]
    public async Task By_default_the_SQLite_database_is_kept_in_the_users_data_folder_not_beside_the_server()
    {
        // ASP.NET Core watches the content root for changed settings files; a database there would wake it on every write.
        var dll = ServerProcess.BuiltDll();
        var data = Directory.CreateTempSubdirectory("treu-data-").FullName;
        var log = Path.GetTempFileName();
        try
        {
            await using (await ServerProcess.StartAsync(dll, new Dictionary<string, string> { ["XDG_DATA_HOME"] = data }, log, TestContext.Current.CancellationToken))
            {
                var database = Path.Combine(data, "treu", "treu.db");
                Assert.True(File.Exists(database));
                Assert.Contains($"(SQLite: {database})", await BannerAsync(log));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            File.Delete(log);
        }
    }

    /// <summary>The banner's first line, which the server prints just after it begins to answer.</summary>
    private static async Task<string> BannerAsync(string log)
    {
        string? banner = null;
        await Poll.UntilAsync(() =>
        {
            using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            banner = reader.ReadToEnd().Split('\n').FirstOrDefault(l => l.Contains("Treu is running on", StringComparison.Ordinal));
            return banner is not null;
        }, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return banner ?? "(no banner)";
    }

    [Fact]
    public async Task An_unknown_database_provider_stops_the_server_with_one_line_naming_the_setting()
    {
        var dll = ServerProcess.BuiltDll();
        var start = Command.StartInfo("dotnet", [dll, "--Treu:Database:Provider=oracle"]);
        start.WorkingDirectory = Path.GetDirectoryName(dll)!;
        using var server = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var output = server.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = server.StandardError.ReadToEndAsync(timeout.Token);
        await server.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, server.ExitCode);
        Assert.Equal("", (await output).Trim());
        var line = Assert.Single((await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("'Treu:Database:Provider'", line);
        Assert.Contains("sqlite or postgresql", line);
    }
}
