using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Treu.Server.Storage;

/// <summary>
/// SaveChanges for the ledger's hot path (purchases, returns, events, adjustments, enrolments): the same rows EF Core would write,
/// from the change tracker and the rows given to <see cref="TreuDbContext.Insert"/>, with the same type mappings, but with statements
/// made once per entity type and kept — prepared per connection on SQLite, one batch per save on PostgreSQL — instead of
/// generated anew on every save.
/// EF Core's update pipeline, rebuilt on every save, would be a large share of the time a purchase holds the SQLite write lock.
/// <para>
/// Only plain inserts and updates of rows whose every value the application sets go this way; a save with a deletion,
/// a database-generated value (an identity key), a concurrency token or outside a transaction falls back to <see cref="DbContext.SaveChangesAsync(CancellationToken)"/>.
/// A failing statement surfaces as a <see cref="DbUpdateException"/>, as from EF Core.
/// </para>
/// </summary>
public static class DirectSave
{
    private static readonly ConcurrentDictionary<IEntityType, TablePlan?> Plans = new();
    private static readonly ConcurrentDictionary<(IEntityType, string), string> Updates = new();
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Prepared = new();

    public static async Task SaveAsync(TreuDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not { } transaction || Take(db) is not { } rows)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        await WriteAsync(transaction, rows, ct);
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// The context's changes as rows to write (their values read now): its tracked changes and the rows given to
    /// <see cref="TreuDbContext.Insert"/>, which it then no longer holds. Null when only SaveChanges can write them: the
    /// context keeps them all for it.
    /// </summary>
    internal static List<Row>? Take(TreuDbContext db)
    {
        db.RequireChildrenInserted();
        var tracker = db.ChangeTracker;
        tracker.DetectChanges();
        var rows = new List<Row>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State == EntityState.Deleted || PlanOf(entry.Metadata, db) is not { } plan)
            {
                return null;
            }

            if (entry.State == EntityState.Added)
            {
                rows.Add(new Row(plan, Owner(entry), plan.Columns.Select(c => entry.Property(c.Property).CurrentValue).ToArray(), null));
            }
            else if (Update(entry, plan) is { } update)
            {
                rows.Add(new Row(plan, Owner(entry), null, update));
            }
        }

        var inserts = db.Inserts;
        var plans = inserts
            .Select(row => PlanOf(db.Model.FindEntityType(row.GetType()) ?? throw new InvalidOperationException($"{row.GetType().Name} is not in the model."), db))
            .ToList();
        if (plans.Any(p => p?.Getters is null))
        {
            // Only SaveChanges can write one of them: the context keeps them all, and SaveChanges tracks them with the rest.
            return null;
        }

        for (var i = 0; i < inserts.Count; i++)
        {
            var (row, plan) = (inserts[i], plans[i]!);
            var values = new object?[plan.Columns.Length];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = plan.Getters![c].GetClrValueUsingContainingEntity(row);
            }

            rows.Add(new Row(plan, Owner(row, plan.MemberColumn is { } m ? values[m] as string : null), values, null));
        }

        db.ClearInserts();
        return rows;
    }

    private static TablePlan? PlanOf(IEntityType type, TreuDbContext db) => Plans.GetOrAdd(type, t => TablePlan.For(t, db.IsPostgres));

    /// <summary>Writes rows taken from one or more contexts, in the given transaction.</summary>
    internal static async Task WriteAsync(DbTransaction transaction, List<Row> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // Principals before dependents (a purchase before its lines); a table's rows together, in the order they were taken.
        var statements = Statements(rows.OrderBy(r => r.Plan.Rank).ThenBy(r => r.Plan.Table, StringComparer.Ordinal).ToList());
        var connection = transaction.Connection!;
        try
        {
            if (connection.CanCreateBatch)
            {
                await RunBatchAsync(connection, transaction, statements, ct);
            }
            else
            {
                await RunPreparedAsync(connection, transaction, statements, ct);
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", e);
        }
    }

    /// <summary>
    /// The member whose data the row is (the member's own row, or a row with its member id); "" for an idempotency record,
    /// which no other request reads while this node holds its key in flight; null for a row any request may read.
    /// </summary>
    private static string? Owner(object row, string? memberId) => row switch
    {
        Treu.Domain.Members.Member member => member.Id,
        IdempotencyRecord => "",
        _ => memberId,
    };

    /// <summary>
    /// Whose data the context's changes write (see <see cref="Owner(object, string?)"/>): its tracked changes and the rows
    /// given to <see cref="TreuDbContext.Insert"/>.
    /// </summary>
    internal static IEnumerable<string?> Owners(TreuDbContext db) => db.ChangeTracker.Entries()
        .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).Select(Owner)
        .Concat(db.Inserts.Select(row => Owner(db.Entry(row))))
        .ToList();

    private static string? Owner(EntityEntry entry) =>
        Owner(entry.Entity, entry.Metadata.FindProperty("MemberId") is { } property ? entry.Property(property).CurrentValue as string : null);

    /// <summary>PostgreSQL: every statement in one round trip; Npgsql prepares each statement text once per connection.</summary>
    private static async Task RunBatchAsync(DbConnection connection, DbTransaction transaction, List<Statement> statements, CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        await using var factory = connection.CreateCommand();
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            command.Parameters.AddRange(statement.Values.Select(v => v.ToParameter(factory)).ToArray());
            batch.BatchCommands.Add(command);
        }

        var expected = statements.Sum(s => s.Rows);
        var affected = await batch.ExecuteNonQueryAsync(ct);
        if (affected != expected)
        {
            throw new DbUpdateConcurrencyException($"Expected {expected} rows to be written, but {affected} were.");
        }
    }

    /// <summary>SQLite: in-process, so one statement after another, each prepared once per connection and kept while it is open.</summary>
    private static async Task RunPreparedAsync(DbConnection connection, DbTransaction transaction, List<Statement> statements, CancellationToken ct)
    {
        var commands = Prepared.GetValue(connection, PreparedUntilClosed);
        foreach (var statement in statements)
        {
            if (!commands.TryGetValue(statement.Sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = statement.Sql;
                commands[statement.Sql] = command;
            }

            command.Transaction = transaction;
            command.Parameters.Clear();
            command.Parameters.AddRange(statement.Values.Select(v => v.ToParameter(command)).ToArray());
            if (await command.ExecuteNonQueryAsync(ct) != statement.Rows)
            {
                throw new DbUpdateConcurrencyException($"Expected {statement.Rows} rows to be written by: {statement.Sql}");
            }
        }
    }

    /// <summary>A connection's prepared statements live until it closes (its handle then goes back to the pool).</summary>
    private static Dictionary<string, DbCommand> PreparedUntilClosed(DbConnection connection)
    {
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Closed)
            {
                foreach (var command in commands.Values)
                {
                    command.Dispose();
                }

                commands.Clear();
            }
        };
        return commands;
    }

    internal sealed record Statement(string Sql, List<Value> Values, int Rows);

    /// <summary>A row to insert (its column values) or to update (its statement), and whose data it is (see <see cref="Owner"/>).</summary>
    internal sealed record Row(TablePlan Plan, string? Owner, object?[]? Inserted, Statement? Update);

    /// <summary>One INSERT for each run of new rows of a table (a basket's lines: one statement, not thirty), one UPDATE per changed row.</summary>
    private static List<Statement> Statements(List<Row> rows)
    {
        var statements = new List<Statement>();
        for (var i = 0; i < rows.Count;)
        {
            var (plan, _, inserted, update) = rows[i];
            if (inserted is null)
            {
                statements.Add(update!);
                i++;
                continue;
            }

            var run = i;
            while (run < rows.Count && rows[run].Plan == plan && rows[run].Inserted is not null)
            {
                run++;
            }

            // In chunks of 64, 32, 16 … rows: a few statement texts per table, so that the database keeps each one prepared
            // (Npgsql prepares up to 128 per connection; a text per row count would overflow them with a batch's rows written together).
            var count = (int)Math.Min(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(run - i) + 1) / 2, plan.MaxRowsPerInsert);
            var values = new List<Value>(count * plan.Columns.Length);
            for (var end = i + count; i < end; i++)
            {
                for (var c = 0; c < plan.Columns.Length; c++)
                {
                    values.Add(new Value(plan.ParameterName(values.Count), plan.Columns[c].Property, rows[i].Inserted![c]));
                }
            }

            statements.Add(new Statement(plan.Insert(count), values, count));
        }

        return statements;
    }

    /// <summary>The UPDATE of a changed row's changed columns; null when nothing changed after all.</summary>
    private static Statement? Update(EntityEntry entry, TablePlan plan)
    {
        var values = new List<Value>();
        var changed = new StringBuilder(plan.Columns.Length);
        foreach (var column in plan.Columns)
        {
            var property = entry.Property(column.Property);
            var modified = property.IsModified && !column.Property.IsPrimaryKey();
            changed.Append(modified ? '1' : '0');
            if (modified)
            {
                values.Add(new Value(plan.ParameterName(values.Count), column.Property, property.CurrentValue));
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        foreach (var key in plan.Keys)
        {
            values.Add(new Value(plan.ParameterName(values.Count), key.Property, entry.Property(key.Property).OriginalValue));
        }

        return new Statement(Updates.GetOrAdd((entry.Metadata, changed.ToString()), k => plan.Update(k.Item2)), values, 1);
    }

    /// <summary>One value to bind, converted and typed by the property's EF Core type mapping (enums as names, JSON columns, UTC times …).</summary>
    internal readonly record struct Value(string Name, IProperty Property, object? Current)
    {
        public DbParameter ToParameter(DbCommand command) => Property.GetRelationalTypeMapping().CreateParameter(command, Name, Current, Property.IsNullable);
    }

    internal sealed record Column(IProperty Property, string Name);

    internal sealed class TablePlan
    {
        private readonly bool _positional;

        private TablePlan(string table, Column[] columns, Column[] keys, int rank, bool positional)
        {
            (Table, Columns, Keys, Rank, _positional) = (table, columns, keys, rank, positional);
            MaxRowsPerInsert = positional ? 64 : 8;
            // Rows given to TreuDbContext.Insert are read through their properties' getters, so every column needs one.
            Getters = columns.Any(c => c.Property.IsShadowProperty()) ? null : columns.Select(c => c.Property.GetGetter()).ToArray();
            MemberColumn = Array.FindIndex(columns, c => c.Property.Name == "MemberId") is >= 0 and var m ? m : null;
            _inserts = new string[MaxRowsPerInsert + 1];
        }

        /// <summary>
        /// Rows in one INSERT at most, a power of two: 64 on PostgreSQL (17 columns × 64 rows stays far below its parameter limit),
        /// 8 on SQLite, which finds each named parameter by a linear search of the statement's names — so binding grows with the
        /// square of a statement's values — and runs a statement in-process, so more of them cost little.
        /// </summary>
        public int MaxRowsPerInsert { get; }

        /// <summary>The columns' values read from an entity, in column order; null when a column is a shadow property.</summary>
        public IClrPropertyGetter[]? Getters { get; }

        /// <summary>Which column holds the row's member id, if any.</summary>
        public int? MemberColumn { get; }

        private readonly string?[] _inserts;

        public string Table { get; }

        public Column[] Columns { get; }

        public Column[] Keys { get; }

        public int Rank { get; }

        public string Insert(int rows) => _inserts[rows] ??= $"INSERT INTO {Table} ({string.Join(", ", Columns.Select(c => c.Name))}) VALUES "
            + string.Join(", ", Enumerable.Range(0, rows).Select(r => $"({string.Join(", ", Columns.Select((_, i) => Placeholder(r * Columns.Length + i)))})"));

        /// <summary>Positional on PostgreSQL ($1, unnamed: Npgsql's fastest), named on SQLite.</summary>
        public string ParameterName(int i) => _positional ? "" : $"@p{i}";

        public string Update(string changed)
        {
            var set = Columns.Where((_, i) => changed[i] == '1').Select((c, i) => $"{c.Name} = {Placeholder(i)}").ToList();
            var where = Keys.Select((k, i) => $"{k.Name} = {Placeholder(set.Count + i)}");
            return $"UPDATE {Table} SET {string.Join(", ", set)} WHERE {string.Join(" AND ", where)}";
        }

        private string Placeholder(int i) => _positional ? $"${i + 1}" : $"@p{i}";

        /// <summary>Null when rows of this type need something only EF Core's pipeline does (a value the database generates, a concurrency token).</summary>
        public static TablePlan? For(IEntityType type, bool postgres)
        {
            if (type.GetTableName() is not { } name || type.GetProperties().Any(p => p.ValueGenerated != ValueGenerated.Never || p.IsConcurrencyToken))
            {
                return null;
            }

            static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
            var table = StoreObjectIdentifier.Table(name, type.GetSchema());
            var columns = type.GetProperties().Select(p => new Column(p, Quote(p.GetColumnName(table)!))).ToArray();
            var keys = type.FindPrimaryKey()!.Properties.Select(p => columns.Single(c => c.Property == p)).ToArray();
            var qualified = type.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(name)}" : Quote(name);
            return new TablePlan(qualified, columns, keys, DependencyDepth(type), postgres);
        }

        private static int DependencyDepth(IEntityType type) =>
            type.GetForeignKeys().Where(fk => fk.PrincipalEntityType != type).Select(fk => DependencyDepth(fk.PrincipalEntityType) + 1).DefaultIfEmpty(0).Max();
    }
}
