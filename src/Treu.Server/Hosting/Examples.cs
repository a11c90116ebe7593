namespace Treu.Server.Hosting;

/// <summary>Example bodies for the API reference, written as a till would send them.</summary>
public static class Examples
{
    public const string Enrol = """
        {
          "email": "anna.schmidt@example.de",
          "phone": "+49 170 1234567",
          "firstName": "Anna",
          "lastName": "Schmidt",
          "language": "de",
          "cards": ["2750001234567"],
          "consents": [
            { "purpose": "terms", "granted": true, "textVersion": "2026-01" },
            { "purpose": "marketing_email", "granted": true, "textVersion": "2026-01" }
          ],
          "storeId": "berlin-mitte"
        }
        """;

    public const string Member = """
        {
          "id": "mbr_3k9x2m7qv0pz8w4r1t6y",
          "memberNumber": "4829105736",
          "email": "anna.schmidt@example.de",
          "phone": "+491701234567",
          "firstName": "Anna",
          "lastName": "Schmidt",
          "birthDate": null,
          "language": "de",
          "status": "active",
          "blockedReason": null,
          "cards": ["2750001234567"],
          "consents": [{ "purpose": "marketing_email", "granted": true, "textVersion": "2026-01", "channel": "store", "recordedAt": "2026-11-23T09:12:00Z" }],
          "enrolledChannel": "store",
          "enrolledStoreId": "berlin-mitte",
          "createdAt": "2026-11-23T09:12:00Z",
          "updatedAt": "2026-11-23T09:12:00Z",
          "balance": { "available": 1250, "pending": 87 }
        }
        """;

    public const string Update = """
        { "phone": "+49 171 7654321", "addCards": ["2750009876543"], "consents": [{ "purpose": "marketing_email", "granted": false, "textVersion": "2026-01" }] }
        """;

    public const string Purchase = """
        {
          "memberId": "mbr_3k9x2m7qv0pz8w4r1t6y",
          "externalId": "R-2026-11-23-0042",
          "storeId": "berlin-mitte",
          "occurredAt": "2026-11-23T09:15:00Z",
          "currency": "EUR",
          "lines": [
            { "sku": "4006381333931", "name": "Organic coffee 500 g", "category": "grocery", "quantity": 2, "unitPrice": 8.99, "discount": 1.00 },
            { "sku": "GIFT-25", "name": "Gift card", "category": "gift_card", "quantity": 1, "unitPrice": 25.00 }
          ],
          "redeemPoints": 500
        }
        """;

    public const string PurchaseResult = """
        {
          "id": "txn_8d2k4n6p0r2t4v6x8z0b",
          "memberId": "mbr_3k9x2m7qv0pz8w4r1t6y",
          "externalId": "R-2026-11-23-0042",
          "channel": "store",
          "storeId": "berlin-mitte",
          "occurredAt": "2026-11-23T09:15:00Z",
          "currency": "EUR",
          "total": 41.98,
          "amountToPay": 36.98,
          "eligibleAmount": 13.82,
          "earned": { "points": 13, "status": "pending", "availableAt": "2026-12-07T09:15:01Z" },
          "redeemed": { "points": 500, "value": 5.00 },
          "balance": { "available": 750, "pending": 100 },
          "breakdown": [{ "rule": "base_rate", "description": "1 points per EUR on the eligible amount, rounded floor", "eligibleAmount": 13.82, "points": 13 }],
          "lines": []
        }
        """;

    public const string Return = """
        { "externalId": "RET-2026-11-24-0007", "lines": [{ "sku": "4006381333931", "quantity": 1 }], "reason": "damaged" }
        """;

    public const string Adjustment = """
        { "points": 200, "reason": "Goodwill: delivery was two days late (ticket 4711)" }
        """;

    public const string Transfer = """
        { "fromMemberId": "mbr_3k9x2m7qv0pz8w4r1t6y", "toMemberId": "mbr_7w1r5t9y3u7i1o5p9a3s", "points": 300, "reason": "Family pooling" }
        """;

    public const string CreateKey = """
        { "name": "Till 3, Berlin Mitte", "scope": "pos", "storeId": "berlin-mitte" }
        """;

    public const string UpdateProgram = """
        { "earnRate": 2, "pendingDays": 14, "expiryMonths": 24, "maxRedemptionShare": 0.5, "returnPolicy": "clamp_to_zero" }
        """;
}
