using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rewards;

/// <summary>What the specs of rewards and vouchers have in common: a catalogue with rewards on offer, and members who redeem them.</summary>
public abstract class CatalogueSpec(TreuApp app) : ApiSpec(app)
{
    /// <summary>Adds a reward to the catalogue and puts it on offer; returns its id.</summary>
    protected async Task<string> Offer(object reward)
    {
        var created = await (await Admin.Post("/v1/admin/rewards", reward)).Json(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        await (await Admin.Post($"/v1/admin/rewards/{id}/activate", new { })).Json(HttpStatusCode.OK);
        return id;
    }

    protected Task<string> OfferFiveEuros(long? stock = null, string[]? tiers = null, decimal? minBasket = null) => Offer(new
    {
        id = Unique("five"),
        type = "fixed_discount",
        pointsCost = 500,
        amount = 5m,
        stock,
        tiers,
        minBasket,
        name = new { de = "5-€-Gutschein", en = "€5 voucher" },
        terms = new { de = "Ab 10 € Einkaufswert.", en = "From a basket of €10." },
    });

    protected async Task<JsonNode> Redeem(string member, string reward, HttpStatusCode expected = HttpStatusCode.Created, string? idempotencyKey = null) =>
        await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { }, idempotencyKey)).Json(expected);

    /// <summary>A member who has redeemed a reward; returns the member and the voucher's code.</summary>
    protected async Task<(string Member, string Code)> VoucherOf(string reward, long points)
    {
        var member = await EnrolId();
        await Credit(member, points);
        return (member, (string)(await Redeem(member, reward))["voucher"]!["code"]!);
    }
}
