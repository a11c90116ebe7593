using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Treu.Domain.Ledger;
using Treu.Server.Hosting;
using Treu.Server.Transactions;

namespace Treu.Server.Ledger;

public sealed record ExpiringPoints(DateOnly Date, long Points);

public sealed record BalanceDetails(
    string MemberId,
    long Available,
    long Pending,
    long ExpiringWithin30Days,
    IReadOnlyList<ExpiringPoints> Expiring,
    long LifetimeEarned,
    long LifetimeSpent,
    string PointsName,
    [property: JsonConverter(typeof(MoneyJson))] decimal AvailableValue,
    string Currency);

public sealed record EntryCause(string Type, string Id);

public sealed record LedgerEntryView(
    string Id, long Seq, EntryKind Kind, long Points, long AvailableDelta, long PendingDelta, string Reason,
    [property: AllowedValues("store", "webshop", "app", "admin", "import")] string Channel,
    string? StoreId, string Actor, EntryCause Cause, string? LotId, DateTime CreatedAt, string Hash, IReadOnlyList<RuleRef>? Rules)
{
    public static LedgerEntryView From(LedgerEntry e) => new(e.Id, e.Seq, e.Kind, e.Points, e.AvailableDelta, e.PendingDelta, e.Reason,
        e.Channel, e.StoreId, e.Actor, new EntryCause(e.CauseType, e.CauseId), e.LotId, e.CreatedAt, e.Hash, RuleRef.Parse(e.Rules));
}

/// <summary>A rule at the version that computed an earn.</summary>
public sealed record RuleRef(string Rule, int Version)
{
    /// <summary>The rules that gave something, as the ledger entry keeps them: "base_rate@1 organic_x2@3"; null when none did.</summary>
    public static string? Of(Treu.Domain.Rules.RuleEvaluation evaluation) =>
        evaluation.Applied.Any() ? string.Join(' ', evaluation.Applied.Select(o => $"{o.RuleId}@{o.Version}")) : null;

    public static IReadOnlyList<RuleRef>? Parse(string? rules) => rules?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(r => r.Split('@')).Select(p => new RuleRef(p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
}

public sealed record LedgerPage(IReadOnlyList<LedgerEntryView> Items, string? NextCursor);

/// <summary>A manual correction: positive credits, negative debits. The reason is required and kept on the entry.</summary>
public sealed record AdjustmentRequest(
    [property: Range(-AdjustPoints.MaxAdjustment, AdjustPoints.MaxAdjustment)] long? Points,
    [property: MaxLength(500)] string? Reason);

/// <param name="Tier">When a credit took the member to another tier (a credit counts as qualifying points; a debit takes them back, at the review).</param>
public sealed record AdjustmentView(string Id, string MemberId, LedgerEntryView Entry, BalanceView Balance, Tiers.TierMoveView? Tier = null);

/// <summary>Points moved from one member to another (family pooling, donation), both sides in one atomic step.</summary>
public sealed record TransferRequest(
    [property: MaxLength(64)] string? FromMemberId,
    [property: MaxLength(64)] string? ToMemberId,
    [property: Range(1, Transactions.BasketValidation.MaxPoints)] long? Points,
    [property: MaxLength(500)] string? Reason = null);

public sealed record TransferView(string Id, string FromMemberId, string ToMemberId, long Points, string Reason, BalanceView From, BalanceView To, DateTime CreatedAt);

public sealed record VerificationReport(bool Ok, int MembersChecked, long EntriesChecked, IReadOnlyList<LedgerMismatch> Mismatches, DateTime CheckedAt);
