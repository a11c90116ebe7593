using System.Globalization;
using System.Text.Json;

namespace Treu.Invariant.Workload;

/// <summary>Keys and the member population the clients share; the members' order is fixed, so a seed picks the same ones.</summary>
public sealed record Population(string PosKey, string AdminKey, IReadOnlyList<string> Members);

/// <summary>Counters of what the clients did to the servers, over all clients.</summary>
public sealed class ClientStats
{
    private long _replaysCompared;
    private long _concurrentDuplicates;

    public long ReplaysCompared => Interlocked.Read(ref _replaysCompared);
    public long ConcurrentDuplicates => Interlocked.Read(ref _concurrentDuplicates);
    public List<string> ReplayMismatches { get; } = [];

    public void Compared() => Interlocked.Increment(ref _replaysCompared);

    public void Duplicated() => Interlocked.Increment(ref _concurrentDuplicates);

    public void Mismatch(string what)
    {
        lock (ReplayMismatches)
        {
            ReplayMismatches.Add(what);
        }
    }
}

/// <summary>
/// One simulated till/back office: chooses operations from its own seeded generator, sends each with its
/// idempotency key to a random node under random client-side chaos, and retries until it gets an answer.
/// Operation choice has a generator of its own, so that faults and timing do not change which operations a seed makes.
/// </summary>
public sealed class Client(int index, int seed, IReadOnlyList<NodeClient> nodes, Population population, ClientStats stats, ChaosSettings chaos)
{
    private const int MaxAttempts = 8;
    private readonly Random _choice = new(HashCode.Combine(seed, index, "ops"));
    private readonly Random _chaos = new(HashCode.Combine(seed, index, "chaos"));
    private readonly List<string> _ownMembers = [];
    private readonly List<(string Id, string Store, List<(string Sku, int Quantity)> Lines)> _purchases = [];
    private int _next;

    public List<Operation> History { get; } = [];

    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        while (!stop.IsCancellationRequested)
        {
            var op = Next();
            History.Add(op);
            await ExecuteAsync(op, abort);
            Learn(op);
        }
    }

    /// <summary>Runs one operation to a verdict: retried with the same key until answered, at most <see cref="MaxAttempts"/> times.</summary>
    public async Task ExecuteAsync(Operation op, CancellationToken abort, bool calm = false)
    {
        for (var attempt = 1; attempt <= MaxAttempts && !abort.IsCancellationRequested; attempt++)
        {
            if (!calm && attempt == 1 && _chaos.NextDouble() < chaos.ConcurrentDuplicateRate)
            {
                // The same request to both nodes at once: a till that double-sends, or two tills sharing a receipt.
                stats.Duplicated();
                var both = await Task.WhenAll(nodes.Select(n => n.PostAsync(op.Path, op.Body, op.ApiKey, op.Id, new Chaos.Patient(), abort)));
                op.Attempts.AddRange(both);
                var ok = both.Where(a => a is { Result: AttemptResult.Answered, Status: >= 200 and < 300 }).ToList();
                if (ok.Count == 2)
                {
                    Compare(op, ok[0], ok[1]);
                }

                if (Settled(op))
                {
                    break;
                }

                continue;
            }

            var node = nodes[_chaos.Next(nodes.Count)];
            var result = await node.PostAsync(op.Path, op.Body, op.ApiKey, op.Id, calm ? new Chaos.Patient() : NextChaos(), abort);
            op.Attempts.Add(result);
            if (Settled(op))
            {
                break;
            }

            // A till backs off before it retries: the pause is the client's behaviour, not a wait for something.
            await Task.Delay(_chaos.Next(50, 150) * attempt, abort).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (!calm && op.Success is { } first && _chaos.NextDouble() < chaos.ResendAfterAckRate)
        {
            // A deliberate duplicate of an acknowledged request, to either node: it must replay the first answer, byte for byte.
            var again = await nodes[_chaos.Next(nodes.Count)].PostAsync(op.Path, op.Body, op.ApiKey, op.Id, new Chaos.Patient(), abort);
            op.Attempts.Add(again);
            if (again is { Result: AttemptResult.Answered })
            {
                Compare(op, first, again);
            }
        }
    }

    private void Compare(Operation op, Attempt first, Attempt second)
    {
        stats.Compared();
        if (first.Status != second.Status || first.Body != second.Body || !(first.Replayed || second.Replayed))
        {
            stats.Mismatch($"{op.Id} ({op.Kind}): {first.Node} answered {first.Status} replayed={first.Replayed}, {second.Node} answered {second.Status} "
                + $"replayed={second.Replayed}{(first.Body == second.Body ? "" : ", bodies differ")}");
        }
    }

    /// <summary>An answer ends the retries, except "still in progress" and "collided", which ask for a retry with the same key.</summary>
    private static bool Settled(Operation op) =>
        op.Attempts[^1] is { Result: AttemptResult.Answered } last && !(last.Status == 409 && last.Code is "idempotency_in_progress" or "concurrent_conflict")
        || op.Success is not null;

    private Chaos NextChaos()
    {
        var roll = _chaos.NextDouble();
        return roll < chaos.DisconnectRate ? new Chaos.Disconnect(_chaos.Next(0, 25))
            : roll < chaos.DisconnectRate + chaos.TimeoutRate ? new Chaos.TimeOut(_chaos.Next(5, 400))
            : new Chaos.Patient();
    }

    private void Learn(Operation op)
    {
        if (op.Verdict != Verdict.Acked || op.AckedId is not { } id)
        {
            return;
        }

        if (op.Kind == OpKind.Enrol)
        {
            _ownMembers.Add(id);
        }
        else if (op.Kind == OpKind.Purchase)
        {
            using var doc = JsonDocument.Parse(op.Body);
            var store = doc.RootElement.GetProperty("storeId").GetString()!;
            var lines = doc.RootElement.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString()!, l.GetProperty("quantity").GetInt32())).ToList();
            _purchases.Add((id, store, lines));
        }
    }

    private Operation Next()
    {
        var id = $"inv-{seed}-c{index}-{++_next}";
        var roll = _choice.Next(100);
        return roll switch
        {
            < 38 => Purchase(id),
            < 50 when _purchases.Count > 0 => Return(id),
            < 66 => Transfer(id),
            < 76 => Adjust(id),
            < 88 => Event(id),
            _ => Enrol(id),
        };
    }

    private string Member() =>
        _ownMembers.Count > 0 && _choice.Next(4) == 0 ? _ownMembers[_choice.Next(_ownMembers.Count)] : population.Members[_choice.Next(population.Members.Count)];

    public static Operation EnrolOperation(string id, string apiKey) => new()
    {
        Id = id,
        Kind = OpKind.Enrol,
        Path = "/v1/members",
        ApiKey = apiKey,
        Body = Json(new
        {
            email = $"{id}@invariant.test",
            firstName = "Invariant",
            consents = new[] { new { purpose = "marketing_email", granted = true, textVersion = "2026-01" } },
        }),
    };

    public static Operation AdjustOperation(string id, string apiKey, string member, long points) => new()
    {
        Id = id,
        Kind = OpKind.Adjust,
        Path = $"/v1/members/{member}/adjustments",
        ApiKey = apiKey,
        Body = Json(new { points, reason = id }),
    };

    private Operation Enrol(string id) => EnrolOperation(id, population.PosKey);

    private Operation Adjust(string id)
    {
        var points = _choice.Next(1, 120) * (_choice.Next(3) == 0 ? -1 : 1);
        return AdjustOperation(id, population.AdminKey, Member(), points);
    }

    private Operation Purchase(string id)
    {
        var lines = Enumerable.Range(0, _choice.Next(1, 4)).Select(i => new
        {
            sku = $"SKU-{_choice.Next(1, 40)}-{i}",
            category = _choice.Next(5) == 0 ? "gift_card" : "grocery",
            quantity = _choice.Next(1, 4),
            unitPrice = _choice.Next(100, 6000) / 100m,
        }).ToArray();
        var timing = _choice.Next(10);
        // With one pending day, a purchase dated a day ago less a few seconds becomes due for activation during the run,
        // racing the activation jobs on both nodes against returns and redemptions; one dated two days ago earns available points.
        DateTime? occurredAt = timing switch
        {
            < 4 => DateTime.UtcNow.AddDays(-1).AddSeconds(_choice.Next(2, 30)),
            < 6 => DateTime.UtcNow.AddDays(-2),
            _ => null,
        };
        long? redeem = _choice.Next(3) == 0 ? _choice.Next(1, 300) : null;
        return new Operation
        {
            Id = id,
            Kind = OpKind.Purchase,
            Path = "/v1/transactions",
            ApiKey = population.PosKey,
            Body = Json(new
            {
                memberId = Member(),
                externalId = id,
                storeId = $"store-{_choice.Next(1, 4)}",
                currency = "EUR",
                lines,
                redeemPoints = redeem,
                occurredAt = occurredAt?.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            }),
        };
    }

    private Operation Return(string id)
    {
        var (purchaseId, store, bought) = _purchases[_choice.Next(_purchases.Count)];
        object? lines = _choice.Next(4) == 0
            ? null
            : bought.Where(_ => _choice.Next(2) == 0).Select(l => new { sku = l.Sku, quantity = _choice.Next(1, l.Quantity + 2) }).ToArray();
        return new Operation
        {
            Id = id,
            Kind = OpKind.Return,
            Path = $"/v1/transactions/{purchaseId}/returns",
            ApiKey = population.PosKey,
            PurchaseId = purchaseId,
            Body = Json(new { externalId = id, storeId = store, lines }),
        };
    }

    private Operation Transfer(string id)
    {
        var from = Member();
        var to = Member();
        while (to == from)
        {
            to = population.Members[_choice.Next(population.Members.Count)];
        }

        return new Operation
        {
            Id = id,
            Kind = OpKind.Transfer,
            Path = "/v1/transfers",
            ApiKey = population.AdminKey,
            Body = Json(new { fromMemberId = from, toMemberId = to, points = _choice.Next(1, 150), reason = id }),
        };
    }

    private Operation Event(string id) => new()
    {
        Id = id,
        Kind = OpKind.Event,
        Path = $"/v1/members/{Member()}/events",
        ApiKey = population.PosKey,
        Body = Json(new { type = InvariantRun.EventType, externalId = id }),
    };

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record ChaosSettings(double DisconnectRate, double TimeoutRate, double ConcurrentDuplicateRate, double ResendAfterAckRate);
