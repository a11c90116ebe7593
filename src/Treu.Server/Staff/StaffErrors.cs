using Treu.Domain.Common;

namespace Treu.Server.Staff;

public static class StaffErrors
{
    public static readonly ErrorCode StaffNotFound = new("staff_not_found", FailureKind.NotFound);
    public static readonly ErrorCode StaffEmailTaken = new("staff_email_taken", FailureKind.Conflict);
    public static readonly ErrorCode LastOwner = new("last_owner", FailureKind.Refused);
    public static readonly ErrorCode WrongCode = new("wrong_code", FailureKind.Invalid);

    /// <summary>A person in the support role adjusted more points than the program allows them to.</summary>
    public static readonly ErrorCode AdjustmentOverLimit = new("adjustment_over_limit", FailureKind.Forbidden);
}
