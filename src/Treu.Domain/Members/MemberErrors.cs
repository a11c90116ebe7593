using Treu.Domain.Common;

namespace Treu.Domain.Members;

public static class MemberErrors
{
    public static readonly ErrorCode NotFound = new("member_not_found", FailureKind.NotFound);

    /// <summary>A blocked member neither earns, redeems, gives nor receives points.</summary>
    public static readonly ErrorCode Blocked = new("member_blocked", FailureKind.Refused);
    /// <summary>An erased member's account keeps its history only: nothing changes on it any more.</summary>
    public static readonly ErrorCode Erased = new("member_erased", FailureKind.Refused);
    public static readonly ErrorCode EmailTaken = new("email_taken", FailureKind.Conflict);
    public static readonly ErrorCode PhoneTaken = new("phone_taken", FailureKind.Conflict);
    public static readonly ErrorCode CardTaken = new("card_taken", FailureKind.Conflict);

    public static Failure NoSuchMember(string id) => NotFound.With($"No member '{(id.Length > 40 ? id[..40] + "…" : id)}' in this program.");
}
