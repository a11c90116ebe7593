using Treu.Testing;

namespace Treu.Load.Tests;

/// <summary>The server as an operator starts it: its own process, in its own directory.</summary>
[Trait("Tier", "slow")]
public sealed class ServerProcessSpec
{
    [Fact]
    public async Task A_server_beside_its_SQLite_database_watches_no_directory()
    {
        // ASP.NET Core's default settings watcher puts an inotify watch on the content root and every directory below
        // it, and then reads an event for every write of the database next to the app, a share of the server's CPU
        // under load (docs/performance.md). The settings files are polled instead.
        var dll = ServerProcess.BuiltDll();
        var database = Path.Combine(Path.GetDirectoryName(dll)!, $"watch-spec-{Guid.NewGuid():N}.db");
        var log = Path.GetTempFileName();
        try
        {
            await using (var server = await ServerProcess.StartAsync(dll,
                             new Dictionary<string, string> { ["Treu__Database__Provider"] = "sqlite", ["Treu__Database__SqlitePath"] = database }, log,
                             TestContext.Current.CancellationToken))
            {
                Assert.True(File.Exists(database));
                Assert.Equal(0, InotifyWatches(server.Pid));
            }
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*"))
            {
                File.Delete(file);
            }

            File.Delete(log);
        }
    }

    /// <summary>The inotify watches a process holds, from /proc.</summary>
    private static int InotifyWatches(int pid) =>
        new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos()
            .Where(fd => fd.LinkTarget == "anon_inode:inotify")
            .Sum(fd => File.ReadLines($"/proc/{pid}/fdinfo/{fd.Name}").Count(line => line.StartsWith("inotify", StringComparison.Ordinal)));
}
