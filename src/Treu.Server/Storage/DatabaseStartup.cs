using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Server.Demo;
using Treu.Server.Hosting;

namespace Treu.Server.Storage;

/// <summary>
/// On start: apply migrations, make sure the deployment's one program exists, accept the bootstrap admin key,
/// and seed the demo program when asked to.
/// </summary>
public sealed class DatabaseStartup(TreuDbContext db, IOptions<TreuOptions> options, IServiceProvider services, TimeProvider clock, ILogger<DatabaseStartup> log)
{
    public async Task RunAsync(CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            // EF Core reads the migration history before it creates the table, and on an empty PostgreSQL database logs that
            // failed read at error level (dotnet/efcore#37328) though nothing is wrong: creating the table first, with EF's
            // own statement, keeps an operator's first log clean.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        }

        await db.Database.MigrateAsync(ct);
        await db.Dialect.PrepareAsync(db, ct);

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var program = await db.Programs.OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(ct);
        if (program is null)
        {
            program = new LoyaltyProgram
            {
                Id = Ids.New("prg"),
                Name = options.Value.Demo.Seed ? "Demo Retail" : "Loyalty program",
                QrSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Programs.Add(program);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Created program {Name} ({Id})", program.Name, program.Id);
        }

        if (options.Value.Bootstrap.AdminApiKey is { Length: > 0 } bootstrap)
        {
            await EnsureKeyAsync(db, program.Id, bootstrap, "Bootstrap admin key (configuration)", Scopes.Admin, now, ct);
        }

        if (options.Value.Demo.Seed)
        {
            await ActivatorUtilities.CreateInstance<DemoSeeding>(services).RunAsync(program, now, ct);
        }
    }

    /// <summary>An API key with a secret given in the configuration (or public, for the demo), added once.</summary>
    public static async Task EnsureKeyAsync(TreuDbContext db, string programId, string secret, string name, string scope, DateTime now, CancellationToken ct)
    {
        if (secret.Length < 16)
        {
            throw new InvalidOperationException($"{name}: an API key must be at least 16 characters.");
        }

        var hash = ApiKeySecrets.Hash(secret);
        if (await db.ApiKeys.AnyAsync(k => k.SecretHash == hash, ct))
        {
            return;
        }

        db.ApiKeys.Add(new ApiKey
        {
            Id = Ids.New("key"),
            ProgramId = programId,
            Name = name,
            Scope = scope,
            Prefix = ApiKeySecrets.PrefixOf(secret),
            SecretHash = hash,
            CreatedAt = now,
            CreatedBy = "startup",
        });
        await db.SaveChangesAsync(ct);
    }
}
