using Treu.Domain.Common;

namespace Treu.Domain.Rewards;

public static class RewardErrors
{
    public static readonly ErrorCode NotFound = new("reward_not_found", FailureKind.NotFound);
    public static readonly ErrorCode Exists = new("reward_exists", FailureKind.Conflict);
    public static readonly ErrorCode NotAvailable = new("reward_not_available", FailureKind.Refused);
    public static readonly ErrorCode NotEligible = new("reward_not_eligible", FailureKind.Refused);
    public static readonly ErrorCode SoldOut = new("reward_sold_out", FailureKind.Refused);
    public static readonly ErrorCode LimitReached = new("reward_limit_reached", FailureKind.Refused);
    public static readonly ErrorCode ImageUnsupported = new("image_unsupported", FailureKind.Invalid);
    public static readonly ErrorCode ImageTooLarge = new("image_too_large", FailureKind.TooLarge);
    public static readonly ErrorCode ImageNotFound = new("image_not_found", FailureKind.NotFound);
}
