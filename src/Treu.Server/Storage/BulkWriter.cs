using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Npgsql;
using Treu.Domain.Ledger;
using Treu.Domain.Members;

namespace Treu.Server.Storage;

/// <summary>
/// Writes many rows at once inside the caller's transaction: PostgreSQL through binary COPY and set-based
/// UPDATEs, SQLite through the change tracker (one transaction, prepared statements, no round trips to pay for).
/// The columns come from the EF model, so a new column needs no change here.
/// </summary>
public sealed class BulkWriter(TreuDbContext db)
{
    public async Task InsertAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (!db.IsPostgres)
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Set<T>().AddRange(rows);
            return;
        }

        var copy = CopyPlan<T>.For(db.Model);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(copy.Command, ct);
        foreach (var row in rows)
        {
            // Synchronous writes: the importer buffers, so an await per value would only add overhead.
            importer.StartRow();
            copy.WriteRow(importer, row);
        }

        await importer.CompleteAsync(ct);
    }

    /// <summary>Saves what <see cref="InsertAsync{T}"/> queued on SQLite; on PostgreSQL the rows are already written.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Writes back the balances, chain heads and event numbers of members read without tracking.</summary>
    public async Task UpdateBalancesAsync(IReadOnlyCollection<Member> members, CancellationToken ct)
    {
        if (members.Count == 0)
        {
            return;
        }

        if (!db.IsPostgres)
        {
            foreach (var m in members)
            {
                var entry = db.Attach(m);
                foreach (var name in (string[])[nameof(Member.Available), nameof(Member.Pending), nameof(Member.LifetimeEarned), nameof(Member.LifetimeSpent),
                             nameof(Member.LastSeq), nameof(Member.LastHash), nameof(Member.LastEventSeq), nameof(Member.UpdatedAt)])
                {
                    entry.Property(name).IsModified = true;
                }
            }

            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE members AS m SET available = v.available, pending = v.pending, lifetime_earned = v.lifetime_earned, lifetime_spent = v.lifetime_spent,
                last_seq = v.last_seq, last_hash = v.last_hash, last_event_seq = v.last_event_seq, updated_at = v.updated_at
            FROM unnest(@ids, @available, @pending, @earned, @spent, @seq, @hash, @events, @updated)
                AS v(id, available, pending, lifetime_earned, lifetime_spent, last_seq, last_hash, last_event_seq, updated_at)
            WHERE m.id = v.id
            """,
            [
                Array("ids", members.Select(m => m.Id)), Array("available", members.Select(m => m.Available)), Array("pending", members.Select(m => m.Pending)),
                Array("earned", members.Select(m => m.LifetimeEarned)), Array("spent", members.Select(m => m.LifetimeSpent)),
                Array("seq", members.Select(m => m.LastSeq)), Array("hash", members.Select(m => m.LastHash)), Array("events", members.Select(m => m.LastEventSeq)),
                Array("updated", members.Select(m => m.UpdatedAt)),
            ], ct);
    }

    /// <summary>Writes back the tiers, review dates, manual tiers and event numbers of members read without tracking (the tier review).</summary>
    public async Task UpdateTiersAsync(IReadOnlyCollection<Member> members, CancellationToken ct)
    {
        if (members.Count == 0)
        {
            return;
        }

        if (!db.IsPostgres)
        {
            foreach (var m in members)
            {
                var entry = db.Attach(m);
                foreach (var name in (string[])[nameof(Member.Tier), nameof(Member.TierSince), nameof(Member.TierReviewAt), nameof(Member.ManualTier),
                             nameof(Member.ManualTierUntil), nameof(Member.ManualTierReason), nameof(Member.LastEventSeq)])
                {
                    entry.Property(name).IsModified = true;
                }
            }

            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE members AS m SET tier = v.tier, tier_since = v.since, tier_review_at = v.review_at, manual_tier = v.manual, manual_tier_until = v.manual_until,
                manual_tier_reason = v.manual_reason, last_event_seq = v.event_seq
            FROM unnest(@ids, @tiers, @since, @review, @manual, @until, @reason, @seq) AS v(id, tier, since, review_at, manual, manual_until, manual_reason, event_seq)
            WHERE m.id = v.id
            """,
            [
                Array("ids", members.Select(m => m.Id)), Array("tiers", members.Select(m => m.Tier)), Array("since", members.Select(m => m.TierSince)),
                Array("review", members.Select(m => m.TierReviewAt)), Array("manual", members.Select(m => m.ManualTier)),
                Array("until", members.Select(m => m.ManualTierUntil)), Array("reason", members.Select(m => m.ManualTierReason)),
                Array("seq", members.Select(m => m.LastEventSeq)),
            ], ct);
    }

    /// <summary>Writes back the state and remaining points of lots read without tracking.</summary>
    public async Task UpdateLotsAsync(IReadOnlyCollection<PointsLot> lots, CancellationToken ct)
    {
        if (lots.Count == 0)
        {
            return;
        }

        if (!db.IsPostgres)
        {
            foreach (var lot in lots)
            {
                var entry = db.Attach(lot);
                entry.Property(l => l.State).IsModified = true;
                entry.Property(l => l.Remaining).IsModified = true;
            }

            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE lots AS l SET state = v.state, remaining = v.remaining
            FROM unnest(@ids, @states, @remaining) AS v(id, state, remaining)
            WHERE l.id = v.id
            """,
            [Array("ids", lots.Select(l => l.Id)), Array("states", lots.Select(l => l.State.ToString())), Array("remaining", lots.Select(l => l.Remaining))], ct);
    }

    private static NpgsqlParameter Array<T>(string name, IEnumerable<T> values) => new(name, values.ToArray());

    /// <summary>
    /// The COPY command and a compiled writer for one entity type: each value goes to the importer with its own
    /// type (no boxing, no per-value type resolution), converted as EF would convert it (enums as names, JSON lists).
    /// Built once per model and type; identity columns (a consent's id) are left to the database.
    /// </summary>
    private sealed class CopyPlan<T>
        where T : class
    {
        private static readonly ConcurrentDictionary<IModel, CopyPlan<T>> Plans = new();

        private CopyPlan(IEntityType entity)
        {
            var columns = entity.GetProperties().Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long))).ToList();
            Command = $"COPY {entity.GetTableName()} ({string.Join(", ", columns.Select(c => c.GetColumnName()))}) FROM STDIN (FORMAT BINARY)";
            var importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
            var row = Expression.Parameter(typeof(T), "row");
            WriteRow = Expression.Lambda<Action<NpgsqlBinaryImporter, T>>(Expression.Block(columns.Select(c => WriteColumn(importer, row, c))), importer, row).Compile();
        }

        public string Command { get; }

        public Action<NpgsqlBinaryImporter, T> WriteRow { get; }

        public static CopyPlan<T> For(IModel model) =>
            Plans.GetOrAdd(model, m => new CopyPlan<T>(m.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.")));

        /// <summary><c>if (value is null) importer.WriteNull(); else importer.Write(converted value, "column type");</c></summary>
        private static Expression WriteColumn(ParameterExpression importer, ParameterExpression row, IProperty property)
        {
            var member = (MemberInfo?)property.PropertyInfo ?? property.FieldInfo
                ?? throw new InvalidOperationException($"{property.Name} is a shadow property: COPY cannot read it.");
            Expression value = Expression.MakeMemberAccess(row, member);
            var nullable = !value.Type.IsValueType || Nullable.GetUnderlyingType(value.Type) is not null;
            var present = Nullable.GetUnderlyingType(value.Type) is not null ? Expression.Property(value, "Value") : value;
            Expression stored = property.GetTypeMapping().Converter is { } converter
                ? ReplacingExpressionVisitor.Replace(converter.ConvertToProviderExpression.Parameters[0],
                    Expression.Convert(present, converter.ModelClrType), converter.ConvertToProviderExpression.Body)
                : present;
            // The column's type without its facets ("character varying", not "character varying(200)"), as COPY wants it.
            var type = Expression.Constant(property.GetRelationalTypeMapping().StoreTypeNameBase);
            var write = Expression.Call(importer, nameof(NpgsqlBinaryImporter.Write), [stored.Type], stored, type);
            return nullable
                ? Expression.IfThenElse(
                    Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Call(importer, nameof(NpgsqlBinaryImporter.WriteNull), []), write)
                : write;
        }
    }
}
