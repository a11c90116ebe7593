using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Treu.Load;

/// <summary>The till mix: what share of requests each kind is.</summary>
public static class Mix
{
    public static readonly (Op Op, int Weight)[] Weights =
    [
        (Op.Earn, 70), (Op.Redeem, 10), (Op.Balance, 4), (Op.LookupCard, 3), (Op.LookupEmail, 3), (Op.Return, 5), (Op.Enrol, 5),
    ];

    private static readonly int Total = Weights.Sum(w => w.Weight);

    /// <summary>Purchases (earn + redeem) as a share of all requests: the open loop's total rate is the purchase rate over this.</summary>
    public static readonly double PurchaseShare = (double)Weights.Where(w => w.Op is Op.Earn or Op.Redeem).Sum(w => w.Weight) / Total;

    public static Op Pick(Random random)
    {
        var x = random.Next(Total);
        foreach (var (op, weight) in Weights)
        {
            if ((x -= weight) < 0)
            {
                return op;
            }
        }

        return Op.Earn;
    }
}

/// <summary>How the requests are sent: a fixed number of tills back to back, or a fixed rate whatever the answers take.</summary>
public static class Drivers
{
    private static readonly Op[] Tour = [Op.Earn, Op.Redeem, Op.Balance, Op.LookupCard, Op.LookupEmail, Op.Enrol, Op.Return];

    /// <summary>
    /// Closed loop: each of <paramref name="clients"/> tills sends its next request when the last is answered. Measures
    /// the throughput the server sustains; latency counts from the send.
    /// </summary>
    public static async Task<TimeSpan> ClosedLoopAsync(Shop shop, int clients, TimeSpan duration, Measurements? into, int seed, bool tour,
        CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tills = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var till = new Till(shop, seed + i);
            // With a tour, each till first sends every kind of request once, however long that takes, so that a smoke run
            // covers them all on a slow machine too; the return comes after the till's own purchase, so there is one to return.
            for (var k = 0; tour ? k < Tour.Length || Stopwatch.GetTimestamp() < end : Stopwatch.GetTimestamp() < end; k++)
            {
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                await till.RunAsync(tour && k < Tour.Length ? Tour[k] : Mix.Pick(till.Random), into, Stopwatch.GetTimestamp());
            }
        }));
        await Task.WhenAll(tills);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Open loop: requests start on a fixed schedule (<paramref name="purchasesPerSecond"/> purchases, the rest of the mix in
    /// proportion) whether or not earlier ones were answered, and latency counts from the scheduled start, so a stalled
    /// server shows in the figures instead of slowing the load (no coordinated omission). At most
    /// <paramref name="maxInFlight"/> requests are outstanding; waiting for a slot counts into the latency.
    /// </summary>
    public static async Task<TimeSpan> OpenLoopAsync(Shop shop, double purchasesPerSecond, int maxInFlight, TimeSpan duration, Measurements? into, int seed,
        CancellationToken stop)
    {
        var perRequest = Stopwatch.Frequency / (purchasesPerSecond / Mix.PurchaseShare);
        var random = new Random(seed);
        var tills = new ConcurrentBag<Till>();
        var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tillSeed = seed;
        for (long i = 0; ; i++)
        {
            var intended = started + (long)(i * perRequest);
            if (intended >= end || stop.IsCancellationRequested)
            {
                break;
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), intended);
            if (wait > TimeSpan.Zero)
            {
                // The open loop's schedule. Timers fire about every millisecond: requests due meanwhile start together when
                // it fires, their latency counted from when they were due.
                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait);
            }

            await slots.WaitAsync();
            var op = Mix.Pick(random);
            var till = tills.TryTake(out var idle) ? idle : new Till(shop, Interlocked.Increment(ref tillSeed));
            _ = Task.Run(async () =>
            {
                try
                {
                    await till.RunAsync(op, into, intended);
                }
                finally
                {
                    tills.Add(till);
                    slots.Release();
                }
            });
        }

        for (var i = 0; i < maxInFlight; i++)
        {
            await slots.WaitAsync();
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Enrols the population as fast as the server takes it (<paramref name="concurrency"/> requests at once) and gives a
    /// share of it opening points by an admin adjustment, so that redemptions have something to spend.
    /// </summary>
    public static async Task<TimeSpan> EnrolPopulationAsync(Shop shop, int members, double fundedShare, int concurrency, Measurements into,
        TextWriter progress, int seed, CancellationToken stop)
    {
        var population = new Member?[members];
        var funded = new ConcurrentBag<Member>();
        var next = -1;
        var done = 0;
        var started = Stopwatch.GetTimestamp();
        using var report = new Timer(_ =>
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  enrolled {Volatile.Read(ref done):N0} of {members:N0} ({Volatile.Read(ref done) / elapsed:N0}/s)"));
        }, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        var workers = Enumerable.Range(0, Math.Min(concurrency, members)).Select(w => Task.Run(async () =>
        {
            var till = new Till(shop, seed + w);
            int i;
            while ((i = Interlocked.Increment(ref next)) < members && !stop.IsCancellationRequested)
            {
                // Member i is m{i}; one in 52 has a birthday this week, so the demo birthday bonus applies now and then.
                var email = $"m{i}.{shop.RunTag}@load.treu.dev";
                var card = $"LC{shop.RunTag}{i:D10}";
                var birthday = i % 52 == 0 ? DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-30 - i % 40) : (DateOnly?)null;
                var start = Stopwatch.GetTimestamp();
                var (status, kind, id) = await till.EnrolMemberAsync(email, card, birthday);
                into.Record(Op.PopulationEnrol, start, Stopwatch.GetTimestamp(), Till.Classify(Op.PopulationEnrol, status, kind), kind);
                if (id is null)
                {
                    continue;
                }

                var member = new Member(id, email, card);
                population[i] = member;
                if (till.Random.NextDouble() < fundedShare)
                {
                    start = Stopwatch.GetTimestamp();
                    (status, kind) = await till.AdjustAsync(id, 20_000);
                    into.Record(Op.PopulationAdjust, start, Stopwatch.GetTimestamp(), Till.Classify(Op.PopulationAdjust, status, kind), kind);
                    if (status is >= 200 and < 300)
                    {
                        funded.Add(member);
                    }
                }

                Interlocked.Increment(ref done);
            }
        }));
        await Task.WhenAll(workers);
        shop.Population = population.OfType<Member>().ToArray();
        shop.Funded = [.. funded];
        return Stopwatch.GetElapsedTime(started);
    }
}
