using Microsoft.EntityFrameworkCore;
using Treu.Domain.Programs;
using Treu.Domain.Tiers;
using Treu.Server.Storage;
using Treu.Server.Tiers;

namespace Treu.Server.Demo;

/// <summary>
/// Four tiers on qualifying points in a rolling twelve months (Bronze 0, Silver 500, Gold 2,000, Platinum 5,000), with
/// 1×, 1.25×, 1.5× and 2× the points, a birthday bonus and free shipping from Gold, and perks; seeded before the history,
/// so that the members' purchases qualify as they are made.
/// </summary>
public sealed class DemoTiers(TreuDbContext db, TierAdmin admin) : IDemoPart
{
    public static readonly TierLadder Ladder = new()
    {
        Metric = QualifyingMetric.QualifyingPoints,
        Period = QualifyingPeriod.Rolling12Months,
        ReviewAt = ReviewSchedule.MonthsAfterUpgrade,
        ReviewMonths = 12,
        SoftLanding = true,
        Returns = ReturnDemotion.AtReview,
        Tiers =
        [
            new TierDefinition { Id = "bronze", Name = new LocalizedText("Bronze", "Bronze"), Threshold = 0 },
            new TierDefinition
            {
                Id = "silver",
                Name = new LocalizedText("Silber", "Silver"),
                Threshold = 500,
                Benefits = new TierBenefits
                {
                    EarnMultiplier = 1.25m,
                    Perks = [new LocalizedText("Früher Zugang zu Aktionen", "Early access to campaigns")],
                },
            },
            new TierDefinition
            {
                Id = "gold",
                Name = new LocalizedText("Gold", "Gold"),
                Threshold = 2000,
                Benefits = new TierBenefits
                {
                    EarnMultiplier = 1.5m,
                    BirthdayBonus = 200,
                    FreeShipping = true,
                    Perks =
                    [
                        new LocalizedText("Kostenloser Versand im Webshop", "Free shipping in the webshop"),
                        new LocalizedText("Früher Zugang zu Aktionen", "Early access to campaigns"),
                    ],
                },
            },
            new TierDefinition
            {
                Id = "platinum",
                Name = new LocalizedText("Platin", "Platinum"),
                Threshold = 5000,
                Benefits = new TierBenefits
                {
                    EarnMultiplier = 2,
                    BirthdayBonus = 500,
                    FreeShipping = true,
                    Perks =
                    [
                        new LocalizedText("Kostenloser Versand im Webshop", "Free shipping in the webshop"),
                        new LocalizedText("Ein Kaffee gratis bei jedem Besuch", "A free coffee at every visit"),
                        new LocalizedText("Persönliche Beratung nach Termin", "Personal shopping by appointment"),
                    ],
                },
            },
        ],
    };

    public async Task SeedAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
    {
        if (await db.TierLadders.AnyAsync(l => l.ProgramId == program.Id, ct))
        {
            return;
        }

        admin.Add(program.Id, Ladder, 1, "startup", now);
        await db.SaveChangesAsync(ct);
        admin.Changed(program.Id);
    }
}
