using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Treu.Load;

/// <summary>What the tills do; the names are the report's rows.</summary>
public enum Op
{
    Earn,
    Redeem,
    Balance,
    LookupCard,
    LookupEmail,
    Return,
    Enrol,

    /// <summary>Population phase: enrolments before the run.</summary>
    PopulationEnrol,

    /// <summary>Population phase: opening points by an admin adjustment.</summary>
    PopulationAdjust,
}

/// <summary>How a request ended, from the benchmark's point of view.</summary>
public enum Verdict
{
    Ok,

    /// <summary>A refusal a real till meets in the normal course of business (see <see cref="Till.Classify"/>).</summary>
    Refused,
    Error,
}

/// <summary>Latencies and outcomes of one kind of request. Thread-safe; a lock per record is cheap at a few thousand requests per second.</summary>
public sealed class OpStats(Op op)
{
    // Microseconds, up to an hour, three significant digits.
    private readonly LongHistogram _latency = new(3_600_000_000L, 3);
    private readonly Lock _gate = new();

    public Op Op { get; } = op;

    public long Ok { get; private set; }

    public long Refused { get; private set; }

    public long Errors { get; private set; }

    public long Count => Ok + Refused + Errors;

    public void Record(long startTimestamp, long endTimestamp, Verdict verdict)
    {
        var micros = Math.Max(1, (long)Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalMicroseconds);
        lock (_gate)
        {
            _latency.RecordValue(Math.Min(micros, _latency.HighestTrackableValue));
            switch (verdict)
            {
                case Verdict.Ok: Ok++; break;
                case Verdict.Refused: Refused++; break;
                default: Errors++; break;
            }
        }
    }

    /// <summary>Latency at a percentile, in milliseconds.</summary>
    public double Percentile(double p)
    {
        lock (_gate)
        {
            return Count == 0 ? 0 : _latency.GetValueAtPercentile(p) / 1000.0;
        }
    }

    public double MaxMs
    {
        get
        {
            lock (_gate)
            {
                return Count == 0 ? 0 : _latency.GetMaxValue() / 1000.0;
            }
        }
    }

    /// <summary>Several kinds together (e.g. earn and redeem = purchases).</summary>
    public static OpStats Combine(params OpStats[] parts)
    {
        var all = new OpStats(parts[0].Op);
        foreach (var part in parts)
        {
            lock (part._gate)
            {
                all._latency.Add(part._latency);
                all.Ok += part.Ok;
                all.Refused += part.Refused;
                all.Errors += part.Errors;
            }
        }

        return all;
    }
}

/// <summary>One phase's measurements: per kind of request, and the errors by what they were.</summary>
public sealed class Measurements
{
    private readonly ConcurrentDictionary<Op, OpStats> _ops = new();

    public ConcurrentDictionary<string, long> ErrorKinds { get; } = new();

    public ConcurrentDictionary<string, long> RefusalKinds { get; } = new();

    public OpStats this[Op op] => _ops.GetOrAdd(op, o => new OpStats(o));

    public IEnumerable<OpStats> All => _ops.Values.OrderBy(s => s.Op);

    public long Errors => _ops.Values.Sum(s => s.Errors);

    public void Record(Op op, long start, long end, Verdict verdict, string? kind)
    {
        this[op].Record(start, end, verdict);
        if (verdict == Verdict.Error)
        {
            ErrorKinds.AddOrUpdate($"{Name(op)}: {kind}", 1, (_, n) => n + 1);
        }
        else if (verdict == Verdict.Refused)
        {
            RefusalKinds.AddOrUpdate($"{Name(op)}: {kind}", 1, (_, n) => n + 1);
        }
    }

    public static string Name(Op op) => op switch
    {
        Op.Earn => "purchase (earn)",
        Op.Redeem => "purchase (redeem)",
        Op.Balance => "balance",
        Op.LookupCard => "lookup by card",
        Op.LookupEmail => "lookup by e-mail",
        Op.Return => "return",
        Op.Enrol => "enrolment",
        Op.PopulationEnrol => "enrolment",
        Op.PopulationAdjust => "opening points",
        _ => op.ToString(),
    };
}
