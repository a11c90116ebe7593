using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Rewards;
using Treu.Server.Storage;

namespace Treu.Server.Demo;

/// <summary>
/// A catalogue a shop of this size would offer: a €5 voucher, a free coffee, a tote bag while 50 last, a cinema ticket
/// for Gold and above and a €2 donation to a tree-planting project, all on offer; and the WELCOME10 coupon for a first
/// purchase. Written through the admin use cases, as a loyalty manager would.
/// </summary>
public sealed class DemoRewards(TreuDbContext db, RewardAdmin rewards, CouponAdmin coupons) : IDemoPart
{
    public const string WelcomeCode = "WELCOME10";

    public static readonly RewardRequest[] Catalogue =
    [
        new(Id: "five-euro-voucher", Type: RewardType.FixedDiscount, PointsCost: 500, Amount: 5m, MinBasket: 10m, SortOrder: 1,
            Name: new() { ["de"] = "5-€-Gutschein", ["en"] = "€5 voucher" },
            Description: new() { ["de"] = "5 € Rabatt auf Ihren nächsten Einkauf.", ["en"] = "€5 off your next purchase." },
            Terms: new() { ["de"] = "Ab 10 € Einkaufswert, 30 Tage gültig.", ["en"] = "From a basket of €10, valid for 30 days." }),
        new(Id: "free-coffee", Type: RewardType.FreeProduct, PointsCost: 250, Sku: "CAFE-TO-GO", VoucherValidDays: 14, SortOrder: 2,
            Name: new() { ["de"] = "Kaffee gratis", ["en"] = "Free coffee" },
            Description: new() { ["de"] = "Ein Kaffee zum Mitnehmen an der Kasse.", ["en"] = "A coffee to go at the till." }),
        new(Id: "tote-bag", Type: RewardType.FreeProduct, PointsCost: 800, Sku: "TOTE-01", Stock: 50, LimitPerMember: 1, LimitPeriod: LimitPeriod.Year,
            VoucherValidDays: 60, SortOrder: 3,
            Name: new() { ["de"] = "Stofftasche", ["en"] = "Tote bag" },
            Description: new() { ["de"] = "Unsere Bio-Baumwolltasche.", ["en"] = "Our organic cotton tote bag." },
            Terms: new() { ["de"] = "Solange der Vorrat reicht.", ["en"] = "While stocks last." }),
        new(Id: "cinema-ticket", Type: RewardType.Experience, PointsCost: 1500, Tiers: ["gold", "platinum"], VoucherValidDays: 90, SortOrder: 4,
            Name: new() { ["de"] = "Kinokarte", ["en"] = "Cinema ticket" },
            Description: new() { ["de"] = "Zwei Plätze im Kino am Markt.", ["en"] = "Two seats at the Kino am Markt." },
            Terms: new() { ["de"] = "An der Kinokasse vorzeigen.", ["en"] = "Show it at the cinema's box office." }),
        new(Id: "tree-donation", Type: RewardType.Donation, PointsCost: 200, Amount: 2m, DonationRecipient: "Bergwaldprojekt e.V.", SortOrder: 5,
            Name: new() { ["de"] = "2 € für neue Bäume", ["en"] = "€2 for new trees" },
            Description: new() { ["de"] = "Wir spenden 2 € in Ihrem Namen für Baumpflanzungen.", ["en"] = "We donate €2 in your name to plant trees." }),
    ];

    public static readonly CouponRequest Welcome = new(Id: "welcome10", Name: "Welcome: 10 % off your first purchase", Kind: BenefitKind.PercentOff, Percent: 10,
        MaxDiscount: 20m, PublicCode: WelcomeCode, MinBasket: 20m, FirstPurchaseOnly: true, OncePerMember: true, MembersOnly: true);

    public async Task SeedAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
    {
        if (await db.Rewards.AnyAsync(r => r.ProgramId == program.Id, ct) || await db.CouponCampaigns.AnyAsync(c => c.ProgramId == program.Id, ct))
        {
            return;
        }

        var manager = new Caller("demo", program.Id, Scopes.Admin, null);
        foreach (var reward in Catalogue)
        {
            Created(await rewards.CreateAsync(manager, reward, now, ct));
        }

        Created(await coupons.CreateAsync(manager, Welcome, now, ct));
        await db.SaveChangesAsync(ct);
        foreach (var reward in Catalogue)
        {
            Created(await rewards.SetStatusAsync(manager, reward.Id!, RewardStatus.Active, now, ct));
        }

        Created(await coupons.SetStatusAsync(manager, Welcome.Id!, RewardStatus.Active, now, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The demo's own data is valid: a refusal here is a bug in the part, not something to seed around.</summary>
    private static void Created<T>(Result<T> result)
    {
        if (result.Failure is { } failure)
        {
            throw new InvalidOperationException($"Demo rewards: {failure.Code}: {failure.Message}");
        }
    }
}
