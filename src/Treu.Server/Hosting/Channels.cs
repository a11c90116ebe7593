using Treu.Domain.Common;

namespace Treu.Server.Hosting;

/// <summary>Where a call says it comes from, checked against the key it came with.</summary>
public static class Channels
{
    public static readonly string[] Known = ["store", "webshop", "app", "admin", "import"];

    /// <summary>A key speaks for its own channel; only an admin key may record for another (e.g. an import).</summary>
    public static Result<string> Resolve(Caller caller, string? requested)
    {
        if (requested is null || requested == caller.Channel)
        {
            return caller.Channel;
        }

        if (!Known.Contains(requested))
        {
            return CommonErrors.ValidationFailed.With($"Unknown channel '{requested}'. Known: {string.Join(", ", Known)}.", "channel");
        }

        return caller.IsAdmin
            ? requested
            : HttpErrors.ChannelNotAllowed.With($"A {caller.Scope} key records for the '{caller.Channel}' channel, not '{requested}'.", "channel");
    }

    /// <summary>A key bound to a store records for that store only.</summary>
    public static Result<string?> ResolveStore(Caller caller, string? requested)
    {
        if (caller.StoreId is null)
        {
            return requested is { Length: > 64 } ? CommonErrors.InvalidField("storeId", "must be at most 64 characters") : requested;
        }

        return requested is null || requested == caller.StoreId
            ? caller.StoreId
            : HttpErrors.StoreNotAllowed.With($"This API key is bound to store '{caller.StoreId}'.", "storeId");
    }
}
