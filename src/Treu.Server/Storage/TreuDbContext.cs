using Microsoft.EntityFrameworkCore;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Domain.Rewards;
using Treu.Server.Rules;

using Treu.Server.Storage.Dialects;

namespace Treu.Server.Storage;

/// <summary>
/// The one database context. Each provider has a subclass only so that it can keep its own migrations
/// (SQLite and PostgreSQL differ in types); the model is the same.
/// </summary>
public abstract class TreuDbContext(DbContextOptions options) : DbContext(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
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
    public DbSet<EarningRule> Rules => Set<EarningRule>();
    public DbSet<EarningRuleVersion> RuleVersions => Set<EarningRuleVersion>();
    public DbSet<RuleAward> RuleAwards => Set<RuleAward>();
    public DbSet<RuleBudget> RuleBudgets => Set<RuleBudget>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<MemberEvent> MemberEvents => Set<MemberEvent>();
    public DbSet<Events.DomainEvent> DomainEvents => Set<Events.DomainEvent>();
    public DbSet<Tiers.TierLadderVersion> TierLadders => Set<Tiers.TierLadderVersion>();
    public DbSet<Tiers.TierChange> TierChanges => Set<Tiers.TierChange>();
    public DbSet<Events.EarlyRoutedEvent> EarlyRoutedEvents => Set<Events.EarlyRoutedEvent>();
    public DbSet<Jobs.JobState> JobStates => Set<Jobs.JobState>();
    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();
    public DbSet<Messages.MessageTemplate> MessageTemplates => Set<Messages.MessageTemplate>();
    public DbSet<Import.ImportedTransaction> ImportedTransactions => Set<Import.ImportedTransaction>();
    public DbSet<Reward> Rewards => Set<Reward>();
    public DbSet<RewardStock> RewardStocks => Set<RewardStock>();
    public DbSet<Treu.Server.Rewards.RewardImage> RewardImages => Set<Rewards.RewardImage>();
    public DbSet<Voucher> Vouchers => Set<Voucher>();
    public DbSet<CouponCampaign> CouponCampaigns => Set<CouponCampaign>();
    public DbSet<CouponRedemption> CouponRedemptions => Set<CouponRedemption>();
    public DbSet<Donation> Donations => Set<Donation>();
    public DbSet<Staff.StaffAccount> StaffAccounts => Set<Staff.StaffAccount>();
    public DbSet<MemberSessions.MemberSession> MemberSessions => Set<MemberSessions.MemberSession>();
    public DbSet<MemberSessions.MemberSignInCode> MemberSignInCodes => Set<MemberSessions.MemberSignInCode>();
    public DbSet<Figures.DailyFigure> DailyFigures => Set<Figures.DailyFigure>();
    public DbSet<Figures.DailyRulePoints> DailyRulePoints => Set<Figures.DailyRulePoints>();
    public DbSet<Figures.FiguresMark> FiguresMarks => Set<Figures.FiguresMark>();
    public DbSet<Figures.ActivitySnapshot> ActivitySnapshots => Set<Figures.ActivitySnapshot>();
    public DbSet<Figures.TierCount> TierCounts => Set<Figures.TierCount>();
    public DbSet<Ledger.Checkpoints.LedgerCheckpoint> LedgerCheckpoints => Set<Ledger.Checkpoints.LedgerCheckpoint>();
    public DbSet<Ledger.Checkpoints.LedgerCheckpointPage> LedgerCheckpointPages => Set<Ledger.Checkpoints.LedgerCheckpointPage>();

    /// <summary>The keys that protect cookies and secrets, shared by every node (a session signed on one node is read on another).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public abstract bool IsPostgres { get; }

    /// <summary>What this database does differently (row locks, set-based look-ups, statistics).</summary>
    public abstract StorageDialect Dialect { get; }

    private readonly List<object> _inserts = [];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<
        Microsoft.EntityFrameworkCore.Metadata.IEntityType, Microsoft.EntityFrameworkCore.Metadata.INavigation[]> ChildCollections = new();

    /// <summary>
    /// A new row that this unit of work only inserts (a ledger entry, a lot, a purchase and each of its lines, an idempotency
    /// record), held beside EF Core's change tracker rather than in it: <see cref="DirectSave"/> writes it with the tracked
    /// changes, and SaveChanges hands it to the tracker first. Attaching a purchase's rows to the tracker and detecting their
    /// changes again before the save was a large share of the time a purchase holds the SQLite write lane.
    /// Related rows are not followed: insert each one (a purchase's lines too); a save refuses a row whose children were
    /// left out (see <see cref="RequireChildrenInserted"/>).
    /// </summary>
    public void Insert<T>(T row) where T : class => _inserts.Add(row);

    public void InsertRange<T>(IEnumerable<T> rows) where T : class => _inserts.AddRange(rows);

    /// <summary>
    /// Fails loudly when a row given to <see cref="Insert{T}"/> has children (a purchase's lines) that were not inserted with
    /// it: they would otherwise be dropped without a word, as nothing follows navigations here.
    /// </summary>
    internal void RequireChildrenInserted()
    {
        HashSet<object>? inserted = null;
        foreach (var row in _inserts)
        {
            var type = Model.FindEntityType(row.GetType()) ?? throw new InvalidOperationException($"{row.GetType().Name} is not in the model.");
            foreach (var navigation in ChildCollections.GetOrAdd(type, t => t.GetNavigations().Where(n => n.IsCollection && !n.IsOnDependent).ToArray()))
            {
                if (navigation.GetGetter().GetClrValue(row) is not System.Collections.IEnumerable children)
                {
                    continue;
                }

                foreach (var child in children)
                {
                    inserted ??= new HashSet<object>(_inserts, ReferenceEqualityComparer.Instance);
                    if (!inserted.Contains(child) && Entry(child).State != EntityState.Added)
                    {
                        throw new InvalidOperationException(
                            $"A {type.ClrType.Name} was inserted without its {navigation.Name}: insert each of them too (TreuDbContext.InsertRange).");
                    }
                }
            }
        }
    }

    /// <summary>The rows given to <see cref="Insert"/> since the last save.</summary>
    internal IReadOnlyList<object> Inserts => _inserts;

    /// <summary>Lets go of the rows given to <see cref="Insert"/>, once <see cref="DirectSave"/> has taken their values.</summary>
    internal void ClearInserts() => _inserts.Clear();

    /// <summary>While the context runs a write in a shared commit on PostgreSQL: the reads the batch makes once for all its writes.</summary>
    internal BatchReads? Batch { get; set; }

    /// <summary>Drops every change of the unit of work: the tracked ones and the rows waiting to be inserted.</summary>
    public void Forget()
    {
        ChangeTracker.Clear();
        _inserts.Clear();
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TrackInserts();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TrackInserts();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    // A pooled context goes back to the pool here: nothing of this unit of work may reach the next one.
    public override void Dispose()
    {
        _inserts.Clear();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _inserts.Clear();
        return base.DisposeAsync();
    }

    private void TrackInserts()
    {
        RequireChildrenInserted();
        foreach (var row in _inserts)
        {
            Entry(row).State = EntityState.Added;
        }

        _inserts.Clear();
    }

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
        configuration.Properties<RewardType>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<LimitPeriod>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<BenefitKind>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<VoucherStatus>().HaveConversion<string>().HaveMaxLength(20);
    }

    // One IEntityTypeConfiguration per entity, in Storage/EntityConfigurations.
    protected override void OnModelCreating(ModelBuilder b) => b.ApplyConfigurationsFromAssembly(typeof(TreuDbContext).Assembly);
}
