using System.Diagnostics;

namespace Treu.Testing;

/// <summary>
/// Waiting for something that gives no signal (a server's readiness, a gauge, a statistics counter): its condition
/// is checked again and again until it holds or a deadline passes.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether the condition held within the time given; the caller says what it means when it did not.</summary>
    public static async Task<bool> UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan within, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Every);
        while (!await condition(ct))
        {
            if (clock.Elapsed > within)
            {
                return false;
            }

            await timer.WaitForNextTickAsync(ct);
        }

        return true;
    }

    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan within, CancellationToken ct = default) =>
        UntilAsync(_ => Task.FromResult(condition()), within, ct);
}
