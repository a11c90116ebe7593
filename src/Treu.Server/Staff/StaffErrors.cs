using Treu.Domain.Common;

namespace Treu.Server.Staff;

public static class StaffErrors
{
    public static readonly ErrorCode StaffNotFound = new("staff_not_found", FailureKind.NotFound);
    public static readonly ErrorCode StaffEmailTaken = new("staff_email_taken", FailureKind.Conflict);
    public static readonly ErrorCode LastOwner = new("last_owner", FailureKind.Refused);
    public static readonly ErrorCode WrongCode = new("wrong_code", FailureKind.Invalid);
}
