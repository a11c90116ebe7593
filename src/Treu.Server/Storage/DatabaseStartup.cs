using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Rules;
using Treu.Server.Hosting;
using Treu.Server.Rules;

namespace Treu.Server.Storage;

/// <summary>
/// On start: apply migrations, make sure the deployment's one program exists, accept the bootstrap admin key,
/// and seed the demo program when asked to.
/// </summary>
public sealed class DatabaseStartup(TreuDbContext db, IOptions<TreuOptions> options, RuleBooks books, TimeProvider clock, ILogger<DatabaseStartup> log)
{
    /// <summary>Public on purpose: they make the README's tour copy-and-paste. Set Treu:Demo:Seed=false in production.</summary>
    public const string DemoAdminKey = "treu_demo_admin_key";
    public const string DemoPosKey = "treu_demo_pos_key";

    public async Task RunAsync(CancellationToken ct)
    {
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
            await EnsureKeyAsync(program.Id, bootstrap, "Bootstrap admin key (configuration)", Scopes.Admin, now, ct);
        }

        if (options.Value.Demo.Seed)
        {
            await EnsureKeyAsync(program.Id, DemoAdminKey, "Demo admin key", Scopes.Admin, now, ct);
            await EnsureKeyAsync(program.Id, DemoPosKey, "Demo till", Scopes.Pos, now, ct);
            await SeedDemoMemberAsync(program, now, ct);
            await SeedDemoRulesAsync(program, now, ct);
        }
    }

    /// <summary>
    /// A realistic rule set beside the base rate (1 point per euro, from the program): a category multiplier, an app
    /// bonus, a birthday bonus and a newsletter opt-in bonus, all active; and a weekend campaign left as a draft.
    /// </summary>
    public static readonly (string Id, RuleDefinition Definition)[] DemoRules =
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

    private async Task SeedDemoRulesAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
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
                Id = id, ProgramId = program.Id, Version = 1, Status = status, Name = definition.Name, CampaignId = campaignId, Definition = json,
                CreatedAt = now, UpdatedAt = now, UpdatedBy = "startup",
            });
            db.RuleVersions.Add(new EarningRuleVersion { ProgramId = program.Id, RuleId = id, Version = 1, Definition = json, CreatedAt = now, CreatedBy = "startup" });
        }

        foreach (var (id, definition) in DemoRules)
        {
            Add(id, definition, RuleStatus.Active);
        }

        var saturday = DateOnly.FromDateTime(now).AddDays(((int)DayOfWeek.Saturday - (int)now.DayOfWeek + 7) % 7);
        db.Campaigns.Add(new Campaign
        {
            Id = "double-points-weekend", ProgramId = program.Id, Name = "Double points weekend", Description = "Every purchase earns twice, Saturday and Sunday",
            StartsAt = saturday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), EndsAt = saturday.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Status = RuleStatus.Draft, CreatedAt = now, UpdatedAt = now, UpdatedBy = "startup",
        });
        Add("weekend_x2", new RuleDefinition { Name = "Double points", Effects = [new MultiplierEffect(2)] }, RuleStatus.Draft, "double-points-weekend");
        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureKeyAsync(string programId, string secret, string name, string scope, DateTime now, CancellationToken ct)
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

    private async Task SeedDemoMemberAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
    {
        const string email = "anna@demo.treu.dev";
        if (await db.Members.AnyAsync(m => m.ProgramId == program.Id && m.Email == email, ct))
        {
            return;
        }

        var anna = new Member
        {
            Id = Ids.New("mbr"),
            ProgramId = program.Id,
            MemberNumber = MemberNumber.New(),
            Email = email,
            FirstName = "Anna",
            LastName = "Demo",
            EnrolledChannel = "admin",
            CreatedAt = now,
            UpdatedAt = now,
        };
        anna.Cards.Add(new MemberCard { ProgramId = program.Id, Number = "2750000000001", MemberId = anna.Id, AddedAt = now });
        var posting = new LedgerPosting(program, anna, now);
        posting.Credit(EntryKind.Adjust, 1500, new EntrySource("admin", null, "startup", "adjustment", Ids.New("adj"), "Welcome points for the demo"));
        db.Members.Add(anna);
        db.LedgerEntries.AddRange(posting.Entries);
        db.Lots.AddRange(posting.NewLots);
        await db.SaveChangesAsync(ct);
    }
}
