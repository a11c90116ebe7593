using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Treu.Domain.Programs;
using Treu.Domain.Rules;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Tiers;

namespace Treu.Server.Rules;

/// <summary>
/// The compiled rules in force per program, kept for a few seconds: a change through the admin API is seen at
/// once on the node that made it, on the others within seconds (like <see cref="Hosting.ProgramSettings"/>).
/// The program's base rate is a rule too, so that every point in a breakdown comes from a named rule.
/// </summary>
public sealed class RuleBooks(TreuDbContext db, IMemoryCache cache, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TierLadders ladders)
{
    public const string BaseRateId = "base_rate";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public async Task<RuleBook> GetAsync(LoyaltyProgram program, CancellationToken ct)
    {
        var key = Key(program.Id);
        // The base rate and the tier ladder are part of the book: a change of the program's rate or of its ladder must not be
        // served from the cache.
        var ladder = await ladders.GetAsync(program.Id, ct);
        var builtIn = (program.UpdatedAt, program.EarnRate, program.EarnRounding, program.PointsName, ladder?.Version ?? 0);
        if (cache.TryGetValue(key, out ((DateTime, decimal, PointsRounding, string, int) BuiltIn, RuleBook Book) kept) && kept.BuiltIn == builtIn)
        {
            return kept.Book;
        }

        var book = RuleBook.Compile(await InForceAsync(program, ct));
        cache.Set(key, (builtIn, book), CacheFor);
        return book;
    }

    /// <summary>The rules in force: active, in an active campaign (or none), bounded by the campaign's window; the base rate and the tiers' rules.</summary>
    public async Task<List<ActiveRule>> InForceAsync(LoyaltyProgram program, CancellationToken ct)
    {
        var rules = await db.Rules.AsNoTracking().Where(r => r.ProgramId == program.Id && r.Status == RuleStatus.Active).ToListAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.ProgramId == program.Id && c.Status == RuleStatus.Active).ToDictionaryAsync(c => c.Id, ct);
        var inForce = new List<ActiveRule>();
        if (BaseRate(program) is { } baseRate)
        {
            inForce.Add(baseRate);
        }

        if (await ladders.GetAsync(program.Id, ct) is { } ladder)
        {
            inForce.AddRange(TierRules.Of(ladder, program.PointsName));
        }

        foreach (var rule in rules)
        {
            Campaign? campaign = null;
            if (rule.CampaignId is null || campaigns.TryGetValue(rule.CampaignId, out campaign))
            {
                inForce.Add(Bound(rule.Id, rule.Version, Parse(rule.Definition), campaign));
            }
        }

        return inForce;
    }

    public void Forget(string programId) => cache.Remove(Key(programId));

    public RuleDefinition Parse(string definition) =>
        JsonSerializer.Deserialize<RuleDefinition>(definition, Json.StoredData) ?? throw new InvalidDataException("Empty rule definition.");

    public string Serialize<T>(T value) => JsonSerializer.Serialize(value, json.Value.SerializerOptions);

    /// <summary>
    /// A rule of a campaign holds only within the campaign's window as well as its own. The campaign's early access opens it
    /// earlier for named tiers, but never before the rule's own start.
    /// </summary>
    public static ActiveRule Bound(string id, int version, RuleDefinition definition, Campaign? campaign)
    {
        if (campaign is null)
        {
            return new ActiveRule(id, version, definition);
        }

        var bound = definition with
        {
            ValidFrom = definition.ValidFrom is { } from && from > campaign.StartsAt ? from : campaign.StartsAt,
            ValidTo = definition.ValidTo is { } to && to < campaign.EndsAt ? to : campaign.EndsAt,
        };
        var early = campaign.EarlyStartsAt is { } opens && campaign.EarlyTiers.Count > 0
            ? definition.ValidFrom is { } own && own > opens ? own : opens
            : (DateTime?)null;
        return early is { } e && e < bound.ValidFrom ? new ActiveRule(id, version, bound, new EarlyAccess(e, campaign.EarlyTiers)) : new ActiveRule(id, version, bound);
    }

    /// <summary>The program's base earn rate as the lowest-priority rule; none when the rate is 0.</summary>
    public static ActiveRule? BaseRate(LoyaltyProgram program) => program.EarnRate <= 0 ? null : new ActiveRule(BaseRateId, 1, new RuleDefinition
    {
        Name = $"Base rate: {program.EarnRate:0.####} {program.PointsName} per {program.Currency}",
        Priority = int.MinValue,
        Effects = [new PointsPerAmountEffect(program.EarnRate, program.EarnRounding)],
    });

    private static (string, string) Key(string programId) => ("rules", programId);
}
