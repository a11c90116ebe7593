using Treu.Domain.Common;
using Treu.Domain.Members;

namespace Treu.Server.Events;

/// <summary>
/// Something that happened to a member or a program, written in the same commit as the fact itself, for messages and
/// webhooks to deliver later (docs/events.md). Never changed once written.
/// </summary>
public sealed class DomainEvent
{
    /// <summary>Time-ordered (<see cref="Ids"/>), prefix <c>dev_</c>.</summary>
    public required string Id { get; init; }

    public required string ProgramId { get; init; }

    /// <summary>Null for an event of the program as a whole.</summary>
    public string? MemberId { get; init; }

    /// <summary>
    /// 1, 2, 3 … per member, in commit order (from <see cref="Member.NextEventSeq"/>): deliver a member's events in this order.
    /// Null with <see cref="MemberId"/>.
    /// </summary>
    public long? MemberSeq { get; init; }

    /// <summary>Dotted lower case, e.g. <c>tier.changed</c> (see <see cref="EventTypes"/>).</summary>
    public required string Type { get; init; }

    public DateTime OccurredAt { get; init; }

    /// <summary>The event's data as JSON, in the API's form (camelCase): the <c>data</c> of the body a webhook sends.</summary>
    public required string Payload { get; init; }

    /// <summary>The member's next event; takes its sequence number from the member row, which the caller holds locked.</summary>
    public static DomainEvent Of(Member member, string type, string payload, DateTime occurredAt) => new()
    {
        Id = Ids.New("dev"),
        ProgramId = member.ProgramId,
        MemberId = member.Id,
        MemberSeq = member.NextEventSeq(),
        Type = type,
        OccurredAt = occurredAt,
        Payload = payload,
    };
}
