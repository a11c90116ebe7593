using Microsoft.EntityFrameworkCore;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;

namespace Treu.Server.Storage;

/// <summary>
/// The one database context. Each provider has a subclass only so that it can keep its own migrations
/// (SQLite and PostgreSQL differ in types); the model is the same.
/// </summary>
public abstract class TreuDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<LoyaltyProgram> Programs => Set<LoyaltyProgram>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberCard> MemberCards => Set<MemberCard>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<PointsLot> Lots => Set<PointsLot>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<PurchaseLine> PurchaseLines => Set<PurchaseLine>();
    public DbSet<PurchaseReturn> Returns => Set<PurchaseReturn>();
    public DbSet<PointsTransfer> Transfers => Set<PointsTransfer>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public abstract bool IsPostgres { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<string>().HaveMaxLength(200);
        configuration.Properties<decimal>().HavePrecision(18, 4);
        // Stored as names, so the database reads well to an operator and a reordered enum cannot corrupt data.
        configuration.Properties<EntryKind>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<LotState>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<MemberStatus>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<PointsRounding>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<SpentPointsReturnPolicy>().HaveConversion<string>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<LoyaltyProgram>(e =>
        {
            e.HasKey(p => p.Id);
            e.Property(p => p.Currency).HasMaxLength(3);
            e.Property(p => p.QrSecret).HasMaxLength(100);
        });

        b.Entity<Member>(e =>
        {
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.ProgramId, m.MemberNumber }).IsUnique();
            e.HasIndex(m => new { m.ProgramId, m.Email }).IsUnique();
            e.HasIndex(m => new { m.ProgramId, m.Phone }).IsUnique();
            e.Property(m => m.LastHash).HasMaxLength(64);
            e.Property(m => m.Language).HasMaxLength(10);
            e.HasMany(m => m.Cards).WithOne().HasForeignKey(c => c.MemberId);
            e.HasMany(m => m.Consents).WithOne().HasForeignKey(c => c.MemberId);
        });

        b.Entity<MemberCard>(e =>
        {
            e.HasKey(c => new { c.ProgramId, c.Number });
            e.HasIndex(c => c.MemberId);
        });

        b.Entity<Consent>(e =>
        {
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.MemberId);
        });

        b.Entity<LedgerEntry>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.MemberId, x.Seq }).IsUnique();
            e.HasIndex(x => new { x.ProgramId, x.CreatedAt });
            e.Property(x => x.PrevHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Ignore(x => x.Points);
        });

        b.Entity<PointsLot>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.MemberId, x.State });
            // The jobs' scans: pending lots by activation time, available lots by expiry.
            e.HasIndex(x => new { x.ProgramId, x.State, x.AvailableAt });
            e.HasIndex(x => new { x.ProgramId, x.State, x.ExpiresAt });
        });

        b.Entity<Purchase>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ProgramId, x.Channel, x.StoreId, x.ExternalId }).IsUnique();
            e.HasIndex(x => x.MemberId);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.PurchaseId);
            e.Property(x => x.Breakdown).Metadata.SetMaxLength(null);
        });

        b.Entity<PurchaseLine>(e =>
        {
            e.HasKey(x => new { x.PurchaseId, x.LineNo });
            e.Ignore(x => x.ReturnableQuantity);
        });

        b.Entity<PurchaseReturn>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.ReturnId);
            e.HasIndex(x => x.PurchaseId);
            e.HasIndex(x => new { x.ProgramId, x.Channel, x.StoreId, x.ExternalId }).IsUnique();
        });

        b.Entity<ReturnLine>(e => e.HasKey(x => new { x.ReturnId, x.LineNo }));

        b.Entity<PointsTransfer>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Reason).HasMaxLength(500);
        });

        b.Entity<ApiKey>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.SecretHash).IsUnique();
            e.Property(x => x.SecretHash).HasMaxLength(64);
        });

        b.Entity<IdempotencyRecord>(e =>
        {
            e.HasKey(x => new { x.ProgramId, x.Scope, x.Key });
            e.Property(x => x.Key).HasMaxLength(300);
            e.Property(x => x.RequestHash).HasMaxLength(64);
            e.Property(x => x.ResponseBody).Metadata.SetMaxLength(null);
            e.HasIndex(x => x.ExpiresAt);
        });
    }
}

public sealed class SqliteTreuDbContext(DbContextOptions<SqliteTreuDbContext> options) : TreuDbContext(options)
{
    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        // SQLite keeps no time zone: everything stored is UTC, so say so when reading it back.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class PostgresTreuDbContext(DbContextOptions<PostgresTreuDbContext> options) : TreuDbContext(options)
{
    public override bool IsPostgres => true;
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
