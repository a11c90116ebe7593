using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Tiers;
using Treu.Server.Events;
using Treu.Server.Storage;

namespace Treu.Server.Tiers;

/// <summary>
/// Writes down a member's tier change inside the write that made it: a row of the member's tier history and a
/// <c>tier.changed</c> domain event, both through <see cref="MemberLedgerStore.Insert{T}"/>, committed with the change or not at all.
/// </summary>
public sealed class TierMoves(MemberLedgerStore ledger, DomainEvents events)
{
    public TierMoveView Record(Member member, ProgramLadder ladder, TierMove move, string cause, string? causeId, string? reason, DateTime at)
    {
        ledger.Insert(Change(member, ladder, move, cause, causeId, reason, at));
        events.Record(member, EventTypes.TierChanged, Payload(member, ladder.Ladder, move, cause, causeId, reason), at);
        return View(ladder.Ladder, move);
    }

    public static TierChange Change(Member member, ProgramLadder ladder, TierMove move, string cause, string? causeId, string? reason, DateTime at) => new()
    {
        Id = Ids.New("tch"),
        ProgramId = member.ProgramId,
        MemberId = member.Id,
        At = Clock.ToStoredPrecision(at),
        FromTier = move.From,
        ToTier = move.To,
        Direction = Direction(move),
        Cause = cause,
        CauseId = causeId,
        Reason = reason,
        Qualifying = move.Qualifying,
        LadderVersion = ladder.Version,
    };

    public static TierChanged Payload(Member member, TierLadder ladder, TierMove move, string cause, string? causeId, string? reason) =>
        new(member.Id, TierRef.Of(ladder, move.From), TierRef.Of(ladder, move.To), Direction(move), cause, causeId, reason);

    public static TierMoveView View(TierLadder ladder, TierMove move) =>
        new(TierRef.Of(ladder, move.From), TierRef.Of(ladder, move.To), Direction(move));

    private static string Direction(TierMove move) => move.Direction == TierDirection.Up ? "up" : "down";
}
