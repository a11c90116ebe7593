using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Transactions;

namespace Treu.Server.Rewards;

public static class VoucherRequests
{
    /// <param name="routeCode">The code named in the path, if the endpoint takes it there.</param>
    public static Result<CheckedCode> Check(Caller caller, LoyaltyProgram program, VoucherCheckRequest body, string? routeCode, bool requireExternalId,
        TimeProvider clock, int maxLines)
    {
        var check = new Validation();
        if (routeCode is not null && body.Code is not null && body.Code != routeCode)
        {
            check.Add("code", "is named in the path; leave it out of the body");
        }

        var code = routeCode ?? body.Code;
        check.Require("code", code, 64).MaxLength("memberId", body.MemberId, 64);
        if (requireExternalId)
        {
            check.Require("externalId", body.ExternalId, 100);
        }
        else
        {
            check.MaxLength("externalId", body.ExternalId, 100);
        }

        List<BasketLine>? lines = null;
        Failure? currency = null;
        if (body.Lines is not null)
        {
            (lines, currency) = BasketValidation.Check(check, program, new PurchaseRequest(body.MemberId, body.ExternalId, body.Currency, body.Lines), requireMember: false,
                clock, maxLines);
        }
        else if (body.Currency is not null)
        {
            check.Add("currency", "goes with a basket: send lines too, or leave it out");
        }

        if ((check.ToFailure() ?? currency) is { } invalid)
        {
            return invalid;
        }

        var channel = Channels.Resolve(caller, body.Channel);
        var store = Channels.ResolveStore(caller, body.StoreId);
        if ((channel.Failure ?? store.Failure) is { } denied)
        {
            return denied;
        }

        return new CheckedCode(code!, body.MemberId, body.ExternalId, channel.Value, store.Value, lines);
    }
}
