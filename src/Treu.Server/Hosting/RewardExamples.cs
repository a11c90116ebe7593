namespace Treu.Server.Hosting;

/// <summary>Examples of the rewards catalogue, vouchers and coupon campaigns.</summary>
public static class RewardExamples
{
    public const string CreateReward = """
        {
          "id": "tote-bag",
          "type": "free_product",
          "pointsCost": 800,
          "sku": "TOTE-01",
          "stock": 50,
          "limitPerMember": 1,
          "limitPeriod": "year",
          "voucherValidDays": 60,
          "name": { "de": "Stofftasche", "en": "Tote bag" },
          "description": { "de": "Unsere Bio-Baumwolltasche, gratis zum nächsten Einkauf.", "en": "Our organic cotton tote bag, free with your next purchase." },
          "terms": { "de": "Solange der Vorrat reicht.", "en": "While stocks last." }
        }
        """;

    /// <summary>A change to a reward: the whole reward as it should be, without its id (which the path names).</summary>
    public const string UpdateReward = """
        {
          "type": "free_product",
          "pointsCost": 900,
          "sku": "TOTE-01",
          "stock": 60,
          "limitPerMember": 1,
          "limitPeriod": "year",
          "voucherValidDays": 60,
          "name": { "de": "Stofftasche", "en": "Tote bag" },
          "terms": { "de": "Solange der Vorrat reicht.", "en": "While stocks last." }
        }
        """;

    public const string Reward = """
        {
          "id": "tote-bag",
          "status": "active",
          "onOffer": true,
          "type": "free_product",
          "pointsCost": 800,
          "amount": null,
          "percent": null,
          "maxDiscount": null,
          "sku": "TOTE-01",
          "category": null,
          "minBasket": null,
          "donationRecipient": null,
          "validFrom": null,
          "validTo": null,
          "voucherValidDays": 60,
          "voucherValidUntil": null,
          "stock": 50,
          "limitPerMember": 1,
          "limitPeriod": "year",
          "tiers": [],
          "segments": [],
          "minMemberDays": null,
          "name": { "de": "Stofftasche", "en": "Tote bag" },
          "description": { "de": "Unsere Bio-Baumwolltasche, gratis zum nächsten Einkauf.", "en": "Our organic cotton tote bag, free with your next purchase." },
          "terms": { "de": "Solange der Vorrat reicht.", "en": "While stocks last." },
          "imageUrl": "/v1/rewards/tote-bag/image?v=5f0c1e7a9b3d4c21a8e6f0b2c4d6e8fa",
          "sortOrder": 0,
          "stats": { "issued": 12, "redeemed": 9, "expired": 1, "cancelled": 0, "pointsSpent": 9600, "stockLeft": 38 },
          "createdAt": "2026-11-20T08:00:00Z",
          "updatedAt": "2026-11-20T08:05:00Z",
          "updatedBy": "api_key:key_01m8k9j4y03k9x2m7qv0pz8w4r"
        }
        """;

    public const string RewardList = "[" + Reward + "]";

    public const string MemberCatalogue = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "language": "en",
          "available": 680,
          "rewards": [
            { "id": "five-euro-voucher", "type": "fixed_discount", "name": "€5 voucher", "description": "€5 off your next purchase.", "terms": "From a basket of €10.",
              "pointsCost": 500, "amount": 5.00, "percent": null, "imageUrl": null, "stockLeft": null, "validTo": null,
              "canRedeem": true, "affordable": true, "pointsMissing": 0, "notRedeemableBecause": null, "reason": null },
            { "id": "tote-bag", "type": "free_product", "name": "Tote bag", "description": "Our organic cotton tote bag.", "terms": "While stocks last.",
              "pointsCost": 800, "amount": null, "percent": null, "imageUrl": "/v1/rewards/tote-bag/image?v=5f0c1e7a9b3d4c21a8e6f0b2c4d6e8fa", "stockLeft": 38, "validTo": null,
              "canRedeem": false, "affordable": false, "pointsMissing": 120, "notRedeemableBecause": "not_enough_points", "reason": "120 points missing" },
            { "id": "cinema-ticket", "type": "experience", "name": "Cinema ticket", "description": "Two seats at the Kino am Markt.", "terms": "",
              "pointsCost": 1500, "amount": null, "percent": null, "imageUrl": null, "stockLeft": null, "validTo": null,
              "canRedeem": false, "affordable": false, "pointsMissing": 820, "notRedeemableBecause": "tier_required", "reason": "Gold / Platinum only" }
          ]
        }
        """;

    public const string Voucher = """
        {
          "code": "TREU-7KQ4-M2XP-9H32",
          "source": "reward",
          "status": "issued",
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "rewardId": "five-euro-voucher",
          "campaignId": null,
          "name": { "de": "5-€-Gutschein", "en": "€5 voucher" },
          "terms": { "de": "Ab 10 € Einkaufswert.", "en": "From a basket of €10." },
          "benefit": { "kind": "amount_off", "amount": 5.00, "percent": null, "maxDiscount": null, "sku": null, "category": null, "minBasket": 10.00,
                       "description": "5.00 EUR off" },
          "validFrom": "2026-11-23T09:00:00Z",
          "validTo": "2026-12-23T09:00:00Z",
          "issuedAt": "2026-11-23T09:00:00Z",
          "pointsSpent": 500,
          "reservedUntil": null,
          "redeemedAt": null,
          "transactionId": null,
          "discount": null,
          "pointsRefunded": 0,
          "qrUrl": "/v1/vouchers/TREU-7KQ4-M2XP-9H32/qr.png"
        }
        """;

    public const string RewardRedemption = """
        {
          "rewardId": "five-euro-voucher",
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "pointsSpent": 500,
          "ledgerEntryId": "led_01m8kb2x4y6z8a0c2e4g6j8m0p",
          "voucher":
        """ + Voucher + """
        ,
          "donation": null,
          "balance": { "available": 180, "pending": 87 }
        }
        """;

    public const string ValidateVoucher = """
        {
          "code": "TREU-7KQ4-M2XP-9H32",
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "currency": "EUR",
          "lines": [
            { "sku": "4006381333931", "name": "Organic coffee 500 g", "category": "grocery", "quantity": 2, "unitPrice": 8.99 },
            { "sku": "BREAD-01", "name": "Sourdough bread", "category": "bakery", "quantity": 1, "unitPrice": 4.50 }
          ]
        }
        """;

    public const string VoucherValidation = """
        {
          "code": "TREU-7KQ4-M2XP-9H32",
          "usable": true,
          "voucher":
        """ + Voucher + """
        ,
          "discount": 5.00,
          "amountToPay": 17.48,
          "lines": [{ "lineNo": 1, "discount": 4.00 }, { "lineNo": 2, "discount": 1.00 }]
        }
        """;

    public const string ReserveVoucher = """
        { "externalId": "order-2026-4711", "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r" }
        """;

    public const string RedeemVoucher = """
        { "externalId": "R-2026-11-23-0042", "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r" }
        """;

    public const string VoucherRedemption = """
        {
          "code": "TREU-7KQ4-M2XP-9H32",
          "externalId": "R-2026-11-23-0042",
          "discount": null,
          "lines": [],
          "voucher":
        """ + Voucher + """

        }
        """;

    public const string VoucherPage = """{ "items": [""" + Voucher + """], "nextCursor": null }""";

    public const string CreateCoupon = """
        {
          "id": "welcome10",
          "name": "Welcome: 10 % off your first purchase",
          "kind": "percent_off",
          "percent": 10,
          "maxDiscount": 20.00,
          "publicCode": "WELCOME10",
          "minBasket": 20.00,
          "firstPurchaseOnly": true,
          "oncePerMember": true,
          "membersOnly": true,
          "maxRedemptions": 1000,
          "channels": ["store", "webshop"],
          "validFrom": "2026-11-01T00:00:00Z",
          "validTo": "2027-01-31T23:00:00Z"
        }
        """;

    /// <summary>A change to a coupon campaign: the whole campaign as it should be, without its id (which the path names).</summary>
    public const string UpdateCoupon = """
        {
          "name": "Welcome: 10 % off your first purchase",
          "kind": "percent_off",
          "percent": 10,
          "maxDiscount": 25.00,
          "publicCode": "WELCOME10",
          "minBasket": 20.00,
          "firstPurchaseOnly": true,
          "oncePerMember": true,
          "membersOnly": true,
          "maxRedemptions": 2000,
          "channels": ["store", "webshop", "app"]
        }
        """;

    public const string Coupon = """
        {
          "id": "welcome10",
          "name": "Welcome: 10 % off your first purchase",
          "description": null,
          "terms": null,
          "status": "active",
          "running": true,
          "benefit": { "kind": "percent_off", "amount": null, "percent": 10, "maxDiscount": 20.00, "sku": null, "category": null, "minBasket": 20.00,
                       "description": "10 % off, at most 20.00 EUR" },
          "publicCode": "WELCOME10",
          "codePrefix": "CPN",
          "categories": [],
          "skus": [],
          "firstPurchaseOnly": true,
          "oncePerMember": true,
          "membersOnly": true,
          "maxRedemptions": 1000,
          "budget": null,
          "channels": ["store", "webshop"],
          "stores": [],
          "validFrom": "2026-11-01T00:00:00Z",
          "validTo": "2027-01-31T23:00:00Z",
          "stats": { "codesIssued": 0, "redemptions": 312, "discountGiven": 1893.40, "redemptionsLeft": 688, "budgetLeft": null },
          "createdAt": "2026-10-28T10:00:00Z",
          "updatedAt": "2026-10-28T10:00:00Z",
          "updatedBy": "api_key:key_01m8k9j4y03k9x2m7qv0pz8w4r"
        }
        """;

    public const string CouponList = "[" + Coupon + "]";

    public const string GenerateCodes = """
        { "count": 10000, "validTo": "2027-01-31T23:00:00Z" }
        """;

    public const string GeneratedCodes = """
        { "campaignId": "partner-flyer", "generated": 10000, "codesIssued": 10000, "exportUrl": "/v1/admin/coupons/partner-flyer/codes.csv" }
        """;

    public const string AssignCodes = """
        { "memberIds": ["mbr_01m8k9j4y03k9x2m7qv0pz8w4r"], "validTo": "2026-12-31T23:00:00Z" }
        """;

    public const string AssignedCodes = """
        { "campaignId": "we-miss-you", "codes": [{ "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "code": "CPN-CX8N-W4RT-6LMD" }] }
        """;
}
