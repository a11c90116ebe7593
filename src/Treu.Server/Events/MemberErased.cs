namespace Treu.Server.Events;

/// <summary>
/// The payload of <see cref="EventTypes.MemberErased"/>: the member's personal data was erased. It names no erased data;
/// a system that keeps a copy of the member's data removes its copy.
/// </summary>
public sealed record MemberErased(string MemberId, DateTime ErasedAt);
