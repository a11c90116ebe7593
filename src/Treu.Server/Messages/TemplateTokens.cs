using Microsoft.EntityFrameworkCore;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Rewards;
using Treu.Server.Rewards;
using Treu.Server.Storage;
using Treu.Server.Tiers;
using Treu.Server.Transactions;

namespace Treu.Server.Messages;

/// <summary>
/// What a template can say about a member, by the names templates use (<c>{{ member.first_name }}</c>): the member, the
/// balance, the points that expire next and when, the tier and what the next one takes, the dearest reward the member can
/// have now, the member's newest unused voucher, and the program's name and branding. docs/messages.md lists them.
/// </summary>
public sealed record TemplateTokens(string? MemberId, TimeZoneInfo TimeZone, IReadOnlyDictionary<string, object?> Values)
{
    /// <summary>The tokens of a member, in the language the message is written in.</summary>
    public static async Task<TemplateTokens> OfMemberAsync(TreuDbContext db, TierLadders ladders, RewardCatalogue catalogue, LoyaltyProgram program, Member member,
        string language, DateTime now, CancellationToken ct)
    {
        var lots = await db.Lots.AsNoTracking()
            .Where(l => l.MemberId == member.Id && l.State == LotState.Available && l.Remaining > 0 && l.ExpiresAt != null)
            .Select(l => new { l.ExpiresAt, l.Remaining }).ToListAsync(ct);
        var next = lots.Count == 0 ? null : lots.Min(l => l.ExpiresAt);
        var expiring = next is null ? null : new { Points = lots.Where(l => l.ExpiresAt!.Value.Date == next.Value.Date).Sum(l => l.Remaining), Date = next.Value };

        Dictionary<string, object?>? tier = null;
        if (await ladders.GetAsync(program.Id, ct) is { } ladder)
        {
            var standing = TierStanding.Of(member, ladder, program, now);
            tier = new()
            {
                ["id"] = standing.Tier.Id,
                ["name"] = standing.Tier.Name.In(language),
                ["next"] = standing.Next?.Name.In(language),
                ["missing"] = standing.Next?.MissingText.In(language),
            };
        }

        var affordable = (await catalogue.ForMemberAsync(program, member, language, ct)).Rewards.Where(r => r.CanRedeem).MaxBy(r => r.PointsCost);
        var voucher = await db.Vouchers.AsNoTracking()
            .Where(v => v.ProgramId == program.Id && v.MemberId == member.Id && v.Status == VoucherStatus.Issued && (v.ValidTo == null || v.ValidTo > now))
            .OrderByDescending(v => v.IssuedAt).FirstOrDefaultAsync(ct);

        return new TemplateTokens(member.Id, RuledEarning.TimeZoneOf(program), Tokens(program,
            new() { ["first_name"] = member.FirstName, ["last_name"] = member.LastName, ["number"] = member.MemberNumber, ["language"] = member.Language },
            member.Available, member.Pending,
            expiring is null ? null : new() { ["points"] = expiring.Points, ["date"] = expiring.Date },
            tier,
            affordable is null ? null : new() { ["name"] = affordable.Name, ["points"] = affordable.PointsCost },
            voucher is null ? null : new() { ["code"] = voucher.Code, ["name"] = Reward.Text(voucher.Name, language), ["valid_to"] = voucher.ValidTo }));
    }

    /// <summary>A made-up member's tokens, to see a template before any member gets it.</summary>
    public static TemplateTokens Sample(LoyaltyProgram program, string language, DateTime now)
    {
        var de = language == "de";
        return new TemplateTokens(null, RuledEarning.TimeZoneOf(program), Tokens(program,
            new() { ["first_name"] = "Anna", ["last_name"] = "Beispiel", ["number"] = "4829105736", ["language"] = language },
            1250, 103,
            new() { ["points"] = 300, ["date"] = now.Date.AddDays(30) },
            new()
            {
                ["id"] = "silver",
                ["name"] = de ? "Silber" : "Silver",
                ["next"] = "Gold",
                ["missing"] = de ? $"noch 550 {program.PointsName}" : $"550 more {program.PointsName}",
            },
            new() { ["name"] = de ? "5-€-Gutschein" : "€5 voucher", ["points"] = 500 },
            new() { ["code"] = "TREU-K7QM-4XW2-P9HC", ["name"] = de ? "5-€-Gutschein" : "€5 voucher", ["valid_to"] = now.Date.AddDays(90) }));
    }

    private static Dictionary<string, object?> Tokens(LoyaltyProgram program, Dictionary<string, object?> member, long available, long pending,
        Dictionary<string, object?>? expiring, Dictionary<string, object?>? tier, Dictionary<string, object?>? reward, Dictionary<string, object?>? voucher) => new()
        {
            ["member"] = member,
            ["points"] = new Dictionary<string, object?> { ["available"] = available, ["pending"] = pending, ["name"] = program.PointsName },
            ["expiring"] = expiring,
            ["tier"] = tier,
            ["reward"] = reward,
            ["voucher"] = voucher,
            ["program"] = new Dictionary<string, object?> { ["name"] = program.Name, ["colour"] = program.BrandColour, ["logo"] = program.Logo },
        };
}
