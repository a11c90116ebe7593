using System.Globalization;
using System.Text;

namespace Treu.Load;

/// <summary>The report as a person reads it: a table per phase, what went wrong by kind, the reference and one summary line.</summary>
public static class Report
{
    public static string Format(LoadReport report)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);

        Line();
        Line($"Setup: {report.Setup}");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"Population: {report.Enrolled:N0} members enrolled, {report.Funded:N0} given opening points, in {report.PopulationTime.TotalSeconds:F1} s "
            + $"({report.Enrolled / report.PopulationTime.TotalSeconds:N0} members/s)"));
        Table(text, report.Population, report.PopulationTime, []);
        Line();
        Line(string.Create(CultureInfo.InvariantCulture, $"Mix: {report.MixTime.TotalSeconds:F1} s measured"));
        Table(text, report.Mix, report.MixTime, [("purchases (earn + redeem)", report.Purchases)]);
        foreach (var (title, kinds) in new[] { ("Errors", report.Population.ErrorKinds.Concat(report.Mix.ErrorKinds)), ("Refused (expected)", report.Mix.RefusalKinds) })
        {
            foreach (var (kind, count) in kinds.OrderByDescending(k => k.Value))
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"{title}: {kind} ×{count:N0}"));
            }
        }

        if (report.LedgerVerified is { } ok)
        {
            Line(ok ? "Ledger: every balance, lot and hash chain verified." : "Ledger: VERIFICATION FAILED (GET /v1/admin/ledger/verify).");
        }

        Line(report.PeakMemoryMb is { } peak
            ? string.Create(CultureInfo.InvariantCulture, $"Server memory: peak RSS (VmHWM) {peak:F0} MB; largest RSS sampled during the mix {report.MaxRssDuringMixMb:F0} MB")
            : "Server memory: unknown (pass --server-pid with --url)");
        var server = report.ServerCpu is { } cpu
            ? string.Create(CultureInfo.InvariantCulture, $"server {cpu.TotalSeconds:F1} s ({report.ServerCpuPerRequestMs:F2} ms per request), ")
            : "";
        Line(string.Create(CultureInfo.InvariantCulture, $"CPU during the mix: {server}load generator {report.GeneratorCpu.TotalSeconds:F1} s"));
        if (report.Reference is { } r)
        {
            Line(string.Create(CultureInfo.InvariantCulture,
                $"Reference (pgbench, insert one entry + update one balance, one commit each, synchronous_commit=on): {r.Tps:F0} tps, "
                + $"latency average {r.LatencyAverageMs:F2} ms, {r.Transactions:N0} transactions, {r.Failed} failed"));
        }

        Line();
        Line(report.Summary);
        return text.ToString();
    }

    private static void Table(StringBuilder text, Measurements measurements, TimeSpan elapsed, (string Name, OpStats Stats)[] totals)
    {
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  {"operation",-26} {"count",9} {"per s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"refused",8} {"errors",7}"));
        var rows = measurements.All.Select(s => (Measurements.Name(s.Op), s)).Concat(totals);
        foreach (var (name, s) in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-26} {s.Count,9:N0} {s.Count / elapsed.TotalSeconds,8:F0} {s.Percentile(50),8:F1} {s.Percentile(95),8:F1} {s.Percentile(99),8:F1} "
                + $"{s.MaxMs,8:F1} {s.Refused,8:N0} {s.Errors,7:N0}"));
        }
    }
}
