using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Treu.Server.Hosting;
using Treu.Server.Transactions;

namespace Treu.Api.Tests.Hosting;

/// <summary>
/// A retry is recognised by the hash of its bound request, kept with the first answer. The hash must stay the same across
/// versions, or a till's retry after an upgrade would be refused as a reused receipt.
/// </summary>
public sealed class RequestHashSpec
{
    private static readonly PurchaseRequest Basket = new("mem_ü", "R-Ωmega-1", "EUR",
        [new PurchaseLineInput("sku-☕", "Café crème 𝄞", "Boissons", 2m, 3.40m, 0.10m, "Crème & Co"), new PurchaseLineInput("sku-2", Quantity: 1m, UnitPrice: 9.99m)],
        RedeemPoints: 100, PaymentMethods: ["card"], OccurredAt: new DateTime(2026, 11, 29, 8, 30, 0, DateTimeKind.Utc));

    public static TheoryData<string> Escapings => ["default", "relaxed"];

    [Theory]
    [MemberData(nameof(Escapings))]
    public void A_request_hashes_to_what_earlier_versions_kept(string escaping)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Json.Configure(options);
        if (escaping == "relaxed")
        {
            // Non-ASCII written as UTF-8, not escaped: the bytes hashed are then multi-byte.
            options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        }

        var path = new PathString("/v1/members/mem_ü/events");
        // How every version before this one made it: the JSON as a string, then its UTF-8.
        var earlier = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("POST " + path + "\n" + JsonSerializer.Serialize(Basket, options))));

        Assert.Equal(earlier, IdempotentWrites.RequestHash("POST", path, Basket, options));
    }

    [Fact]
    public void Another_basket_or_path_is_another_request()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Json.Configure(options);
        var hash = IdempotentWrites.RequestHash("POST", "/v1/transactions", Basket, options);

        Assert.NotEqual(hash, IdempotentWrites.RequestHash("POST", "/v1/transactions", Basket with { RedeemPoints = 101 }, options));
        Assert.NotEqual(hash, IdempotentWrites.RequestHash("POST", "/v1/transactions/preview", Basket, options));
        Assert.Equal(hash, IdempotentWrites.RequestHash("POST", "/v1/transactions", Basket with { }, options));
    }
}
