using System.Globalization;
using Treu.Invariant;
using Treu.Testing;

// The long version, by hand: dotnet run -c Release --project bench/Treu.Invariant -- --seed 42 --minutes 10
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

if (args.Length % 2 != 0 || options.Keys.Any(k => k is not ("seed" or "minutes" or "seconds" or "clients" or "members")))
{
    Console.Error.WriteLine("Usage: Treu.Invariant [--seed N] [--minutes M | --seconds S] [--clients C] [--members M]");
    return 2;
}

if (PostgresCluster.Unavailable() is { } why)
{
    Console.Error.WriteLine(why);
    return 2;
}

int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var seed = Int("seed", Random.Shared.Next(1, 1_000_000));
var duration = options.ContainsKey("minutes") ? TimeSpan.FromMinutes(Int("minutes", 10)) : TimeSpan.FromSeconds(Int("seconds", 300));
var settings = new InvariantSettings(seed, duration, Int("clients", 16), Int("members", 60));

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl+C: stop cleanly, so the server processes and the PostgreSQL cluster are removed.
    e.Cancel = true;
    cancel.Cancel();
};

var result = await InvariantRun.RunAsync(settings, line => Console.WriteLine(line), cancel.Token);
Console.WriteLine();
Console.WriteLine(result.Report);
if (!result.Passed)
{
    Console.WriteLine($"FAILED with seed {seed}. Replay: {settings.ReplayCommand}");
    return 1;
}

return 0;
