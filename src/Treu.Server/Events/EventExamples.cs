namespace Treu.Server.Events;

/// <summary>An example payload of each event type, for the OpenAPI document's webhooks and the docs (a spec checks both agree with the records).</summary>
public static class EventExamples
{
    public const string MemberEnrolled = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "memberNumber": "4829105736",
          "channel": "store",
          "storeId": "berlin-mitte",
          "language": "de",
          "consents": [{ "purpose": "marketing_email", "granted": true }]
        }
        """;

    public const string PurchaseRecorded = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "purchaseId": "txn_01m8ka71w88d2k4n6p0r2t4v6x",
          "externalId": "R-2026-11-23-0042",
          "channel": "store",
          "storeId": "berlin-mitte",
          "occurredAt": "2026-11-23T09:15:00Z",
          "currency": "EUR",
          "total": 41.98,
          "pointsEarned": 16,
          "pointsRedeemed": 0,
          "balance": { "available": 1250, "pending": 103 }
        }
        """;

    public const string ReturnRecorded = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "returnId": "ret_01m8kb2c3d4e5f6g7h8j9k0m1n",
          "purchaseId": "txn_01m8ka71w88d2k4n6p0r2t4v6x",
          "externalId": "RET-0001",
          "pointsReversed": 8,
          "pointsRefunded": 0,
          "shortfall": 0,
          "balance": { "available": 1250, "pending": 95 }
        }
        """;

    public const string PointsEarned = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "points": 16,
          "status": "pending",
          "availableAt": "2026-12-07T09:15:00Z",
          "expiresAt": "2028-11-23T09:15:00Z",
          "cause": "purchase",
          "causeId": "txn_01m8ka71w88d2k4n6p0r2t4v6x",
          "balance": { "available": 1250, "pending": 103 }
        }
        """;

    public const string PointsExpired = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "points": 300,
          "balance": { "available": 950, "pending": 0 }
        }
        """;

    public const string TierChanged = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "from": { "id": "silver", "name": { "de": "Silber", "en": "Silver" } },
          "to": { "id": "gold", "name": { "de": "Gold", "en": "Gold" } },
          "direction": "up",
          "cause": "purchase",
          "causeId": "txn_01m8ka71w88d2k4n6p0r2t4v6x",
          "reason": null
        }
        """;

    public const string ConsentChanged = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "purpose": "marketing_email",
          "granted": false,
          "textVersion": "2026-01",
          "channel": "app"
        }
        """;

    public const string MemberErased = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "erasedAt": "2026-12-03T10:00:00Z"
        }
        """;

    public const string RewardRedeemed = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "rewardId": "rwd_five_euro",
          "name": { "de": "5 € Gutschein", "en": "€5 voucher" },
          "points": 500,
          "voucherId": "vch_01m8kc4f6h8k0m2p4r6t8v0x2z",
          "donationId": null,
          "balance": { "available": 750, "pending": 103 }
        }
        """;

    public const string VoucherIssued = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "voucherId": "vch_01m8kc4f6h8k0m2p4r6t8v0x2z",
          "code": "TREU-K7QM-4XW2-P9HC",
          "rewardId": "rwd_five_euro",
          "kind": "amount_off",
          "amount": 5,
          "percent": null,
          "validFrom": "2026-11-23T09:20:00Z",
          "validTo": "2027-02-21T09:20:00Z"
        }
        """;
}
