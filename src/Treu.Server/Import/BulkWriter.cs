using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Treu.Domain.Ledger;
using Treu.Domain.Members;

namespace Treu.Server.Import;

/// <summary>
/// Writes many rows at once inside the caller's transaction: PostgreSQL through binary COPY and set-based
/// UPDATEs, SQLite through the change tracker (one transaction, prepared statements, no round trips to pay for).
/// The columns come from the EF model, so a new column needs no change here.
/// </summary>
public sealed class BulkWriter(Storage.TreuDbContext db)
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

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        // Identity columns (a consent's id) are left to the database.
        var columns = entity.GetProperties().Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => new Column(p)).ToArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {entity.GetTableName()} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            // Synchronous writes: the importer buffers, so an await per value would only add overhead.
            importer.StartRow();
            foreach (var column in columns)
            {
                var value = column.Read(row);
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value, column.Type);
                }
            }
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

    /// <summary>Writes back the balances and chain heads of members read without tracking.</summary>
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
                             nameof(Member.LastSeq), nameof(Member.LastHash), nameof(Member.UpdatedAt)])
                {
                    entry.Property(name).IsModified = true;
                }
            }

            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE members AS m SET available = v.available, pending = v.pending, lifetime_earned = v.lifetime_earned, lifetime_spent = v.lifetime_spent,
                last_seq = v.last_seq, last_hash = v.last_hash, updated_at = v.updated_at
            FROM unnest(@ids, @available, @pending, @earned, @spent, @seq, @hash, @updated)
                AS v(id, available, pending, lifetime_earned, lifetime_spent, last_seq, last_hash, updated_at)
            WHERE m.id = v.id
            """,
            [
                Array("ids", members.Select(m => m.Id)), Array("available", members.Select(m => m.Available)), Array("pending", members.Select(m => m.Pending)),
                Array("earned", members.Select(m => m.LifetimeEarned)), Array("spent", members.Select(m => m.LifetimeSpent)),
                Array("seq", members.Select(m => m.LastSeq)), Array("hash", members.Select(m => m.LastHash)), Array("updated", members.Select(m => m.UpdatedAt)),
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

    private sealed class Column(IProperty property)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter = property.GetTypeMapping().Converter;

        public string Name { get; } = property.GetColumnName();

        /// <summary>The column's type without its facets ("character varying", not "character varying(200)"), as COPY wants it.</summary>
        public string Type { get; } = property.GetRelationalTypeMapping().StoreTypeNameBase;

        public object? Read(object row)
        {
            var value = _getter.GetClrValueUsingContainingEntity(row);
            return value is null || _converter is null ? value : _converter.ConvertToProvider(value);
        }
    }
}
