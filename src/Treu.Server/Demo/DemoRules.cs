using Microsoft.EntityFrameworkCore;
using Treu.Domain.Programs;
using Treu.Domain.Rules;
using Treu.Server.Rules;
using Treu.Server.Storage;

namespace Treu.Server.Demo;

/// <summary>
/// A realistic rule set beside the base rate (1 point per euro, from the program): a category multiplier, an app
/// bonus, a birthday bonus and a newsletter opt-in bonus, all active; and a weekend campaign left as a draft.
/// </summary>
public sealed class DemoRules(TreuDbContext db, RuleBooks books) : IDemoPart
{
    public static readonly (string Id, RuleDefinition Definition)[] Active =
    [
        ("organic_x2", new RuleDefinition
        {
            Name = "Double points on organic produce",
            Priority = 10,
            Conditions = [new ProductCondition(Categories: ["organic"])],
            Effects = [new MultiplierEffect(2)],
            Caps = new RuleCaps(PerMemberPerMonth: 2000),
        }),
        ("app_first_purchase", new RuleDefinition
        {
            Name = "50 extra points on the first purchase in the app",
            Priority = 5,
            Conditions = [new ChannelCondition(["app"])],
            Effects = [new BonusEffect(50)],
            Caps = new RuleCaps(TimesPerMember: 1),
        }),
        ("birthday_bonus", new RuleDefinition
        {
            Name = "100 points in your birthday week",
            Priority = 5,
            Conditions = [new BirthdayCondition(3), new BasketCondition(MinEligibleAmount: 10)],
            Effects = [new BonusEffect(100)],
            Caps = new RuleCaps(PerMemberPerMonth: 100),
        }),
        ("newsletter_opt_in", new RuleDefinition
        {
            Name = "100 points for subscribing to the newsletter",
            Trigger = RuleTrigger.Event,
            EventType = "newsletter_opt_in",
            Effects = [new BonusEffect(100)],
            Caps = new RuleCaps(TimesPerMember: 1),
        }),
    ];

    public async Task SeedAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
    {
        if (await db.Rules.AnyAsync(r => r.ProgramId == program.Id, ct))
        {
            return;
        }

        void Add(string id, RuleDefinition definition, string status, string? campaignId = null)
        {
            var json = books.Serialize(definition);
            db.Rules.Add(new EarningRule
            {
                Id = id,
                ProgramId = program.Id,
                Version = 1,
                Status = status,
                Name = definition.Name,
                CampaignId = campaignId,
                Definition = json,
                CreatedAt = now,
                UpdatedAt = now,
                UpdatedBy = "startup",
            });
            db.RuleVersions.Add(new EarningRuleVersion { ProgramId = program.Id, RuleId = id, Version = 1, Definition = json, CreatedAt = now, CreatedBy = "startup" });
        }

        foreach (var (id, definition) in Active)
        {
            Add(id, definition, RuleStatus.Active);
        }

        var saturday = DateOnly.FromDateTime(now).AddDays(((int)DayOfWeek.Saturday - (int)now.DayOfWeek + 7) % 7);
        db.Campaigns.Add(new Campaign
        {
            Id = "double-points-weekend",
            ProgramId = program.Id,
            Name = "Double points weekend",
            Description = "Every purchase earns twice, Saturday and Sunday",
            StartsAt = saturday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            EndsAt = saturday.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Status = RuleStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = "startup",
        });
        Add("weekend_x2", new RuleDefinition { Name = "Double points", Effects = [new MultiplierEffect(2)] }, RuleStatus.Draft, "double-points-weekend");
        await db.SaveChangesAsync(ct);
    }
}
