using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;
using Treu.Domain.Members;
using Treu.Domain.Purchases;
using Treu.Server.Storage;

namespace Treu.Api.Tests.Ledger;

/// <summary>
/// The hot path saves without EF Core's update pipeline (ADR 0004): what it writes must read back exactly as
/// what SaveChanges writes, and its failures must look like SaveChanges' failures.
/// </summary>
public abstract class DirectSaveSpec(TreuApp app) : ApiSpec(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_purchase_and_a_member_change_saved_directly_read_back_as_saved_by_EF_Core()
    {
        var memberId = await EnrolId();
        var viaEf = await SaveAsync(db => db.SaveChangesAsync(Ct), memberId, "EF");
        var direct = await SaveAsync(db => DirectSave.SaveAsync(db, Ct), memberId, "DIRECT");

        // Everything but the ids and receipt numbers, including decimals, times, nulls and all 30 lines in order.
        Assert.Equal(Comparable(viaEf), Comparable(direct));
        Assert.Equal(30, direct.Lines.Count);

        await using var scope = App.Host.Services.CreateAsyncScope();
        var member = await scope.ServiceProvider.GetRequiredService<TreuDbContext>().Members.AsNoTracking().SingleAsync(m => m.Id == memberId, Ct);
        Assert.Equal(["DIRECT", "EF"], member.Tags.Order());
        Assert.Equal("DIRECT", member.Attributes["saved_by"]);
        Assert.Equal(MemberStatus.Active, member.Status);
        Assert.Equal("Ünïcode ‘quotes’ \"and\" more", member.LastName);
    }

    [Fact]
    public async Task A_purchase_given_to_Insert_reads_back_as_a_tracked_one_whichever_way_it_is_saved()
    {
        var memberId = await EnrolId();
        var tracked = await SaveAsync(db => db.SaveChangesAsync(Ct), memberId, "TRACKED");
        var direct = await SaveAsync(db => DirectSave.SaveAsync(db, Ct), memberId, "INSERTED", insert: true);
        var viaEf = await SaveAsync(db => db.SaveChangesAsync(Ct), memberId, "INSERTED-EF", insert: true);

        Assert.Equal(Comparable(tracked), Comparable(direct));
        Assert.Equal(Comparable(tracked), Comparable(viaEf));
        Assert.Equal(30, direct.Lines.Count);
    }

    [Theory]
    [InlineData("direct")]
    [InlineData("ef")]
    public async Task A_purchase_inserted_without_its_lines_is_refused_loudly_and_nothing_is_written(string save)
    {
        var memberId = await EnrolId();
        await using var scope = App.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreuDbContext>();
        var purchase = Purchase(await ProgramOf(db, memberId), memberId, "NO-LINES");
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        db.Insert(purchase);
        db.InsertRange(purchase.Lines.Take(29));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => save == "direct" ? DirectSave.SaveAsync(db, Ct) : db.SaveChangesAsync(Ct));
        await tx.RollbackAsync(Ct);

        Assert.Contains("without its Lines", refused.Message);
        Assert.False(await App.Db(d => d.Purchases.AnyAsync(p => p.Id == purchase.Id, Ct)));
    }

    [Fact]
    public async Task Rows_given_to_Insert_and_then_forgotten_or_left_behind_are_never_written()
    {
        var memberId = await EnrolId();
        TreuDbContext first;
        await using (var scope = App.Host.Services.CreateAsyncScope())
        {
            // A retried write forgets its first attempt.
            first = scope.ServiceProvider.GetRequiredService<TreuDbContext>();
            first.Insert(Purchase(await ProgramOf(first, memberId), memberId, "FORGOTTEN"));
            first.Forget();
            await using var tx = await first.Database.BeginTransactionAsync(Ct);
            await DirectSave.SaveAsync(first, Ct);
            await tx.CommitAsync(Ct);

            // A request that fails before its save leaves its rows in the context it returns to the pool.
            first.Insert(Purchase(await ProgramOf(first, memberId), memberId, "LEFT"));
        }

        // The pool hands its contexts out in turn: take them until that one comes back.
        var reused = false;
        for (var take = 0; take < 100 && !reused; take++)
        {
            await using var scope = App.Host.Services.CreateAsyncScope();
            var next = scope.ServiceProvider.GetRequiredService<TreuDbContext>();
            if (ReferenceEquals(next, first))
            {
                reused = true;
                await next.SaveChangesAsync(Ct);
                Assert.Equal(0, await next.Purchases.CountAsync(p => p.MemberId == memberId, Ct));
                Assert.Equal(0, await next.PurchaseLines.CountAsync(l => l.MemberId == memberId, Ct));
            }
        }

        Assert.True(reused, "the pool never handed the context out again");
    }

    [Fact]
    public async Task A_receipt_already_recorded_fails_as_a_unique_violation_and_leaves_nothing()
    {
        var memberId = await EnrolId();
        var first = await SaveAsync(db => DirectSave.SaveAsync(db, Ct), memberId, "DUP");

        var e = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(db => DirectSave.SaveAsync(db, Ct), memberId, "DUP"));
        Assert.True(WriteTransaction.IsUniqueViolation(e));

        await using var scope = App.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreuDbContext>();
        Assert.Equal(1, await db.Purchases.CountAsync(p => p.MemberId == memberId && p.ExternalId == first.ExternalId, Ct));
        Assert.Equal(30, await db.PurchaseLines.CountAsync(l => l.MemberId == memberId, Ct));
    }

    [Fact]
    public async Task A_row_whose_key_the_database_generates_is_saved_by_EF_Core_and_gets_its_key()
    {
        var memberId = await EnrolId();
        await using var scope = App.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreuDbContext>();
        var programId = await db.Members.Where(m => m.Id == memberId).Select(m => m.ProgramId).SingleAsync(Ct);
        var consent = new Consent
        {
            ProgramId = programId,
            MemberId = memberId,
            Purpose = "marketing_sms",
            Granted = true,
            TextVersion = "v9",
            Channel = "pos",
            RecordedAt = DateTime.UtcNow,
        };
        await using (var tx = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Consents.Add(consent);
            await DirectSave.SaveAsync(db, Ct);
            await tx.CommitAsync(Ct);
        }

        Assert.True(consent.Id > 0);
        db.ChangeTracker.Clear();
        Assert.True(await db.Consents.AnyAsync(c => c.Id == consent.Id && c.Purpose == "marketing_sms", Ct));
    }

    /// <summary>
    /// Records a 30-line purchase and changes the member, in one transaction, saved by <paramref name="save"/>; reads the purchase back.
    /// The purchase and its lines are added to the change tracker, or given to <see cref="TreuDbContext.Insert"/>.
    /// </summary>
    private async Task<Purchase> SaveAsync(Func<TreuDbContext, Task> save, string memberId, string by, bool insert = false)
    {
        await using var scope = App.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TreuDbContext>();
        var member = await db.Members.SingleAsync(m => m.Id == memberId, Ct);
        var purchase = Purchase(member.ProgramId, memberId, by);

        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        if (insert)
        {
            db.Insert(purchase);
            db.InsertRange(purchase.Lines);
        }
        else
        {
            db.Purchases.Add(purchase);
        }

        member.Tags = [.. member.Tags, by];
        member.Attributes = new Dictionary<string, string>(member.Attributes) { ["saved_by"] = by };
        member.LastName = "Ünïcode ‘quotes’ \"and\" more";
        db.Entry(member).Property(m => m.Available).CurrentValue += 7; // a balance moved as a posting would, through the model
        await save(db);
        await tx.CommitAsync(Ct);

        await using var readScope = App.Host.Services.CreateAsyncScope();
        return await readScope.ServiceProvider.GetRequiredService<TreuDbContext>().Purchases.AsNoTracking().Include(p => p.Lines)
            .SingleAsync(p => p.Id == purchase.Id, Ct);
    }

    private static Task<string> ProgramOf(TreuDbContext db, string memberId) =>
        db.Members.Where(m => m.Id == memberId).Select(m => m.ProgramId).SingleAsync(Ct);

    private static Purchase Purchase(string programId, string memberId, string by)
    {
        var id = $"txn_{by}_{Guid.NewGuid():n}";
        var purchase = new Purchase
        {
            Id = id,
            ProgramId = programId,
            MemberId = memberId,
            Channel = "pos",
            StoreId = "store-1",
            ExternalId = $"R-{by}-{memberId}",
            OccurredAt = new DateTime(2026, 11, 20, 17, 45, 12, 345, DateTimeKind.Utc),
            RecordedAt = new DateTime(2026, 11, 20, 17, 45, 13, DateTimeKind.Utc),
            Currency = "EUR",
            Total = 123.4567m,
            EligibleAmount = 100.1m,
            PointsEarned = 100,
            EarnedPending = true,
            Cashback = 0.5m,
            PaymentMethods = null,
            Breakdown = """[{"rule":"base_rate","points":100}]""",
        };
        purchase.Lines.AddRange(Enumerable.Range(1, 30).Select(n => new PurchaseLine
        {
            ProgramId = programId,
            MemberId = memberId,
            PurchaseId = id,
            LineNo = n,
            Sku = $"SKU-{n}",
            Name = n % 2 == 0 ? null : $"Artikel {n} ‘süß’",
            Category = n % 3 == 0 ? "organic" : null,
            Brand = "Treu",
            Quantity = n / 4m,
            UnitPrice = 1.99m * n,
            Discount = n % 5 == 0 ? 0.25m : 0m,
            NetAmount = 1.99m * n * (n / 4m),
            EligibleAmount = n,
            PointsEarned = n,
            PointsRedeemed = n % 7,
        }));
        return purchase;
    }

    private static string Comparable(Purchase p) => JsonSerializer.Serialize(new
    {
        p.Channel,
        p.StoreId,
        p.OccurredAt,
        p.RecordedAt,
        p.Currency,
        p.Total,
        p.EligibleAmount,
        p.PointsEarned,
        p.EarnedPending,
        p.PointsRedeemed,
        p.RedeemedValue,
        p.EarnLotId,
        p.Cashback,
        p.PaymentMethods,
        p.Breakdown,
        Lines = p.Lines.OrderBy(l => l.LineNo).Select(l => new
        {
            l.LineNo,
            l.Sku,
            l.Name,
            l.Category,
            l.Brand,
            l.Quantity,
            l.UnitPrice,
            l.Discount,
            l.NetAmount,
            l.EligibleAmount,
            l.PointsEarned,
            l.PointsRedeemed,
            l.ReturnedQuantity,
            l.PointsReversed,
            l.PointsRefunded,
        }),
    });
}

public sealed class DirectSaveOnSqlite(SqliteApp app) : DirectSaveSpec(app), IClassFixture<SqliteApp>;

public sealed class DirectSaveOnPostgres(PostgresApp app) : DirectSaveSpec(app), IClassFixture<PostgresApp>;
