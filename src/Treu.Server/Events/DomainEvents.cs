using System.Text.Json;
using Microsoft.Extensions.Options;
using Treu.Domain.Members;
using Treu.Server.Storage;

namespace Treu.Server.Events;

/// <summary>
/// Records a member's domain events for a use case, inside its write: the event goes to <see cref="MemberLedgerStore.Insert{T}"/>,
/// so it is committed with the fact it tells of (in the group commit's batch on the hot path) or not at all, and it takes
/// the member's next sequence number from the member row the write holds locked.
/// </summary>
public sealed class DomainEvents(MemberLedgerStore ledger, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <param name="member">The member, locked by the write.</param>
    /// <param name="type">One of <see cref="EventTypes"/>.</param>
    /// <param name="payload">The event's payload record, serialized as the API writes JSON.</param>
    public DomainEvent Record<T>(Member member, string type, T payload, DateTime occurredAt)
    {
        var recorded = DomainEvent.Of(member, type, Serialize(payload), occurredAt);
        ledger.Insert(recorded);
        return recorded;
    }

    public string Serialize<T>(T payload) => JsonSerializer.Serialize(payload, json.Value.SerializerOptions);
}
