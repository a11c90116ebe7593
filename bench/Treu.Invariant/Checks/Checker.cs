using Npgsql;
using Treu.Invariant.Workload;

namespace Treu.Invariant.Checks;

public sealed record CheckResult(string Name, string Figures, IReadOnlyList<string> Violations)
{
    public bool Passed => Violations.Count == 0;
}

/// <summary>
/// What must hold after the run, read straight from the database the two nodes shared: every acknowledged
/// operation exactly once (and as the answer described it), every unanswered one at most once, every refused one
/// not at all; one ledger entry per cause and kind; purchases, returns and transfers agreeing with their entries;
/// no balance below zero; every due lot handled by the jobs, and none twice.
/// </summary>
public sealed class Checker(string connectionString)
{
    public async Task<List<CheckResult>> CheckAsync(IReadOnlyList<Operation> operations, DateTime jobsRanAt, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        return
        [
            await PresenceAsync(conn, operations, ct),
            await OneEntryPerCauseAsync(conn, ct),
            await PurchasesMatchEntriesAsync(conn, ct),
            await ReturnsMatchEntriesAsync(conn, ct),
            await TransfersConserveAsync(conn, ct),
            await NothingBelowZeroAsync(conn, ct),
            await JobsDidEverythingOnceAsync(conn, jobsRanAt, ct),
            await EveryEntryHasItsCauseAsync(conn, ct),
        ];
    }

    private static async Task<CheckResult> PresenceAsync(NpgsqlConnection conn, IReadOnlyList<Operation> operations, CancellationToken ct)
    {
        var found = new Dictionary<(OpKind, string), List<string>>();
        async Task Load(OpKind kind, string sql)
        {
            foreach (var (op, id) in await PairsAsync(conn, sql, ct))
            {
                var key = (kind, op);
                if (!found.TryGetValue(key, out var ids))
                {
                    found[key] = ids = [];
                }

                ids.Add(id);
            }
        }

        await Load(OpKind.Enrol, "SELECT split_part(email, '@', 1), id FROM members WHERE email LIKE 'inv-%'");
        await Load(OpKind.Purchase, "SELECT external_id, id FROM purchases WHERE external_id LIKE 'inv-%'");
        await Load(OpKind.Return, "SELECT external_id, id FROM returns WHERE external_id LIKE 'inv-%'");
        await Load(OpKind.Transfer, "SELECT reason, id FROM transfers WHERE reason LIKE 'inv-%'");
        await Load(OpKind.Adjust, "SELECT reason, cause_id FROM ledger_entries WHERE cause_type = 'adjustment' AND reason LIKE 'inv-%'");
        await Load(OpKind.Event, "SELECT external_id, id FROM member_events WHERE external_id LIKE 'inv-%'");

        var violations = new List<string>();
        int acked = 0, refused = 0, unknown = 0, unknownApplied = 0, refusedLate = 0;
        var refusedLateApplied = new List<string>();
        foreach (var op in operations)
        {
            var ids = found.Remove((op.Kind, op.Id), out var list) ? list : [];
            switch (op.Verdict)
            {
                case Verdict.Acked:
                    acked++;
                    if (ids.Count != 1)
                    {
                        violations.Add($"{op.Id} ({op.Kind}) was acknowledged but is in the database {ids.Count} times");
                    }
                    else if (op.AckedId is { } id && ids[0] != id)
                    {
                        violations.Add($"{op.Id} ({op.Kind}) was acknowledged as {id}, but the database holds {ids[0]}");
                    }

                    break;
                case Verdict.Unknown:
                    unknown++;
                    unknownApplied += ids.Count > 0 ? 1 : 0;
                    if (op.RefusedAfterNoAnswer)
                    {
                        refusedLate++;
                        if (ids.Count > 0)
                        {
                            refusedLateApplied.Add($"{op.Id} ({op.Attempts[^1].Status} {op.Attempts[^1].Code})");
                        }
                    }

                    if (ids.Count > 1)
                    {
                        violations.Add($"{op.Id} ({op.Kind}) got no answer and is in the database {ids.Count} times");
                    }

                    break;
                default:
                    refused++;
                    if (ids.Count > 0)
                    {
                        var last = op.Attempts.LastOrDefault();
                        violations.Add($"{op.Id} ({op.Kind}) was refused ({last?.Status} {last?.Code}) but is in the database {ids.Count} times");
                    }

                    break;
            }
        }

        foreach (var ((kind, op), ids) in found)
        {
            violations.Add($"{op} ({kind}) is in the database {ids.Count} times but was never sent");
        }

        return new("every operation present as often as its answer says",
            $"{acked} acknowledged: each exactly once, with the id its answer gave; {unknown} without answer: {unknownApplied} applied, {unknown - unknownApplied} not, "
            + $"none twice ({refusedLate} of them were refused on a retry after a lost attempt, "
            + $"{refusedLateApplied.Count} of those applied by the lost attempt"
            + $"{(refusedLateApplied.Count > 0 ? ": " + string.Join(", ", refusedLateApplied.Take(5)) : "")}); "
            + $"{refused} refused or never delivered: none present",
            violations);
    }

    private static async Task<CheckResult> OneEntryPerCauseAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var twice = await RowsAsync(conn, """
            SELECT cause_type || ' ' || cause_id || ': ' || kind || ' posted ' || count(*) || ' times'
            FROM ledger_entries GROUP BY cause_type, cause_id, kind HAVING count(*) > 1
            """, ct);
        var total = await ScalarAsync(conn, "SELECT count(*) FROM ledger_entries", ct);
        return new("one ledger entry per cause and kind", $"{total} entries, {twice.Count} posted twice", twice);
    }

    private static async Task<CheckResult> PurchasesMatchEntriesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var wrong = await RowsAsync(conn, """
            SELECT 'purchase ' || p.id || ': earned ' || p.points_earned || ' / redeemed ' || p.points_redeemed
                   || ', entries say ' || coalesce(e.earned, 0) || ' / ' || coalesce(e.redeemed, 0)
            FROM purchases p
            LEFT JOIN (SELECT cause_id,
                              sum(CASE WHEN kind = 'Earn' THEN available_delta + pending_delta ELSE 0 END) AS earned,
                              -sum(CASE WHEN kind = 'Redeem' THEN available_delta ELSE 0 END) AS redeemed
                       FROM ledger_entries WHERE cause_type = 'purchase' GROUP BY cause_id) e ON e.cause_id = p.id
            WHERE coalesce(e.earned, 0) <> p.points_earned OR coalesce(e.redeemed, 0) <> p.points_redeemed
            """, ct);
        var lines = await RowsAsync(conn, """
            SELECT 'purchase ' || pl.purchase_id || ' line ' || pl.line_no || ': bought ' || pl.quantity || ', marked returned ' || pl.returned_quantity
                   || ', returns hold ' || coalesce(r.quantity, 0)
            FROM purchase_lines pl
            LEFT JOIN (SELECT rt.purchase_id, rl.line_no, sum(rl.quantity) AS quantity
                       FROM returns rt JOIN return_line rl ON rl.return_id = rt.id GROUP BY rt.purchase_id, rl.line_no) r
                   ON r.purchase_id = pl.purchase_id AND r.line_no = pl.line_no
            WHERE pl.returned_quantity > pl.quantity OR pl.returned_quantity <> coalesce(r.quantity, 0)
            """, ct);
        var count = await ScalarAsync(conn, "SELECT count(*) FROM purchases", ct);
        return new("purchases agree with their entries; no line returned beyond what was bought", $"{count} purchases", [.. wrong, .. lines]);
    }

    private static async Task<CheckResult> ReturnsMatchEntriesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var wrong = await RowsAsync(conn, """
            SELECT 'return ' || r.id || ': reversed ' || r.points_reversed || ' / refunded ' || r.points_refunded
                   || ', entries say ' || coalesce(e.reversed, 0) || ' / ' || coalesce(e.refunded, 0)
            FROM returns r
            LEFT JOIN (SELECT cause_id,
                              -sum(CASE WHEN kind = 'Reverse' THEN available_delta + pending_delta ELSE 0 END) AS reversed,
                              sum(CASE WHEN kind = 'Refund' THEN available_delta ELSE 0 END) AS refunded
                       FROM ledger_entries WHERE cause_type = 'return' GROUP BY cause_id) e ON e.cause_id = r.id
            WHERE coalesce(e.reversed, 0) <> r.points_reversed OR coalesce(e.refunded, 0) <> r.points_refunded
            """, ct);
        var count = await ScalarAsync(conn, "SELECT count(*) FROM returns", ct);
        var shortfall = await ScalarAsync(conn, "SELECT coalesce(sum(shortfall), 0) FROM returns", ct);
        return new("returns agree with their entries", $"{count} returns, shortfall recorded under clamp_to_zero: {shortfall} points", wrong);
    }

    private static async Task<CheckResult> TransfersConserveAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var wrong = await RowsAsync(conn, """
            SELECT 'transfer ' || t.id || ' of ' || t.points || ': out ' || coalesce(e.out_points, 0) || ' in ' || coalesce(e.in_points, 0)
            FROM transfers t
            LEFT JOIN (SELECT cause_id,
                              -sum(CASE WHEN kind = 'TransferOut' THEN available_delta + pending_delta ELSE 0 END) AS out_points,
                              sum(CASE WHEN kind = 'TransferIn' THEN available_delta + pending_delta ELSE 0 END) AS in_points
                       FROM ledger_entries WHERE cause_type = 'transfer' GROUP BY cause_id) e ON e.cause_id = t.id
            WHERE coalesce(e.out_points, 0) <> t.points OR coalesce(e.in_points, 0) <> t.points
            """, ct);
        var net = await ScalarAsync(conn, "SELECT coalesce(sum(available_delta + pending_delta), 0) FROM ledger_entries WHERE cause_type = 'transfer'", ct);
        var moved = await ScalarAsync(conn, "SELECT coalesce(sum(points), 0) FROM transfers", ct);
        if (net != 0)
        {
            wrong.Add($"transfers created or destroyed {net} points");
        }

        var count = await ScalarAsync(conn, "SELECT count(*) FROM transfers", ct);
        return new("transfers conserve the total", $"{count} transfers moved {moved} points; net effect on the total: {net}", wrong);
    }

    private static async Task<CheckResult> NothingBelowZeroAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var wrong = await RowsAsync(conn, """
            SELECT 'member ' || id || ': available ' || available || ', pending ' || pending FROM members WHERE available < 0 OR pending < 0
            UNION ALL
            SELECT 'lot ' || id || ': remaining ' || remaining FROM lots WHERE remaining < 0 OR remaining > original
            """, ct);
        var members = await ScalarAsync(conn, "SELECT count(*) FROM members", ct);
        var total = await ScalarAsync(conn, "SELECT coalesce(sum(available + pending), 0) FROM members", ct);
        return new("no balance below zero (return policy clamp_to_zero)", $"{members} members hold {total} points", wrong);
    }

    private static async Task<CheckResult> JobsDidEverythingOnceAsync(NpgsqlConnection conn, DateTime ranAt, CancellationToken ct)
    {
        var activations = await ScalarAsync(conn, "SELECT count(*) FROM ledger_entries WHERE cause_type = 'lot' AND kind = 'Activate'", ct);
        var expiries = await ScalarAsync(conn, "SELECT count(*) FROM ledger_entries WHERE cause_type = 'lot' AND kind = 'Expire'", ct);
        var twice = await RowsAsync(conn, """
            SELECT 'lot ' || cause_id || ': ' || kind || ' posted ' || count(*) || ' times'
            FROM ledger_entries WHERE cause_type = 'lot' GROUP BY cause_id, kind HAVING count(*) > 1
            """, ct);
        await using var left = new NpgsqlCommand("""
            SELECT 'lot ' || id || ' still pending, due at ' || available_at FROM lots WHERE state = 'Pending' AND available_at <= @ranAt
            UNION ALL
            SELECT 'lot ' || id || ' still holds ' || remaining || ' points, expired at ' || expires_at FROM lots
            WHERE state = 'Available' AND remaining > 0 AND expires_at <= @ranAt
            """, conn);
        left.Parameters.AddWithValue("ranAt", ranAt);
        var missed = new List<string>();
        await using (var reader = await left.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                missed.Add(reader.GetString(0));
            }
        }

        return new("background jobs did every due lot, and none twice",
            $"{activations} activations, {expiries} expiries, {twice.Count} posted twice, {missed.Count} due lots left behind", [.. twice, .. missed]);
    }

    private static async Task<CheckResult> EveryEntryHasItsCauseAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var orphans = await RowsAsync(conn, """
            SELECT 'entry ' || e.id || ' (' || e.kind || ') names ' || e.cause_type || ' ' || e.cause_id || ', which does not exist'
            FROM ledger_entries e
            WHERE (e.cause_type = 'purchase' AND NOT EXISTS (SELECT 1 FROM purchases p WHERE p.id = e.cause_id))
               OR (e.cause_type = 'return' AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.id = e.cause_id))
               OR (e.cause_type = 'transfer' AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.id = e.cause_id))
               OR (e.cause_type = 'event' AND NOT EXISTS (SELECT 1 FROM member_events m WHERE m.id = e.cause_id))
               OR (e.cause_type = 'lot' AND NOT EXISTS (SELECT 1 FROM lots l WHERE l.id = e.cause_id))
               OR e.cause_type NOT IN ('purchase', 'return', 'transfer', 'event', 'lot', 'adjustment')
            """, ct);
        return new("every entry points at the record that caused it", $"{orphans.Count} orphaned entries", orphans);
    }

    private static async Task<List<(string, string)>> PairsAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task<List<string>> RowsAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
