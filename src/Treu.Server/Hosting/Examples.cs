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

    public const string QrToken = """
        { "token": "mbr_3k9x2m7qv0pz8w4r1t6y.1795425600.pW2gk1H0Zq8wX3vQbT7sYA", "expiresAt": "2026-11-23T09:20:00Z" }
        """;

    public const string Balance = """
        {
          "memberId": "mbr_3k9x2m7qv0pz8w4r1t6y",
          "available": 1250,
          "pending": 87,
          "expiringWithin30Days": 120,
          "expiring": [{ "date": "2026-12-01", "points": 120 }],
          "lifetimeEarned": 4310,
          "lifetimeSpent": 3000,
          "pointsName": "points",
          "availableValue": 12.50,
          "currency": "EUR"
        }
        """;

    public const string LedgerPage = """
        {
          "items": [
            {
              "id": "led_9f3k2m8q1w5e7r0t4y6u", "seq": 42, "kind": "earn", "points": 13, "availableDelta": 0, "pendingDelta": 13,
              "reason": "Earned on receipt R-2026-11-23-0042", "channel": "store", "storeId": "berlin-mitte", "actor": "api_key:key_2h6k9m3p7r1t5v8x0z4b",
              "cause": { "type": "purchase", "id": "txn_8d2k4n6p0r2t4v6x8z0b" }, "lotId": "lot_5g7j9l1n3q5s7u9w1y3a",
              "createdAt": "2026-11-23T09:15:01Z", "hash": "43f6d5ccf5021424a0441211602cdfb7a14f9cde775d00dc0b756d02e64c0a8f"
            }
          ],
          "nextCursor": "c2VxOjQy"
        }
        """;

    public const string AdjustmentResult = """
        {
          "id": "adj_4k8m2q6s0u4w8y2a6c0e",
          "memberId": "mbr_3k9x2m7qv0pz8w4r1t6y",
          "entry": {
            "id": "led_1a3c5e7g9j1l3n5q7s9u", "seq": 43, "kind": "adjust", "points": 200, "availableDelta": 200, "pendingDelta": 0,
            "reason": "Goodwill: delivery was two days late (ticket 4711)", "channel": "admin", "storeId": null, "actor": "api_key:key_0ap4y5005y76abq8r2jt",
            "cause": { "type": "adjustment", "id": "adj_4k8m2q6s0u4w8y2a6c0e" }, "lotId": "lot_7w1r5t9y3u7i1o5p9a3s",
            "createdAt": "2026-11-23T10:02:11Z", "hash": "9ad207df6e95bd172d6e57573a948b1203e8dcfda0e916af07091597a2b7555a"
          },
          "balance": { "available": 1450, "pending": 87 }
        }
        """;

    public const string TransferResult = """
        {
          "id": "trf_vvn394qrnagt76cvb8cm", "fromMemberId": "mbr_3k9x2m7qv0pz8w4r1t6y", "toMemberId": "mbr_7w1r5t9y3u7i1o5p9a3s",
          "points": 300, "reason": "Family pooling",
          "from": { "available": 950, "pending": 87 }, "to": { "available": 420, "pending": 0 }, "createdAt": "2026-11-23T10:05:00Z"
        }
        """;

    public const string Verification = """
        { "ok": true, "membersChecked": 18250, "entriesChecked": 402117, "mismatches": [], "checkedAt": "2026-11-23T03:00:00Z" }
        """;

    public const string PreviewResult = """
        {
          "memberId": "mbr_3k9x2m7qv0pz8w4r1t6y", "currency": "EUR", "total": 41.98, "amountToPay": 36.98, "eligibleAmount": 13.82,
          "earned": { "points": 13, "status": "pending", "availableAt": "2026-12-07T09:15:00Z" },
          "redeem": { "requested": 500, "value": 5.00, "maxRedeemable": 1250, "maxRedeemableValue": 12.50, "allowed": true, "refusedCode": null, "refusedBecause": null },
          "balance": { "available": 1250, "pending": 87 },
          "breakdown": [{ "rule": "base_rate", "description": "1 points per EUR on the eligible amount, rounded floor", "eligibleAmount": 13.82, "points": 13 }],
          "lines": []
        }
        """;

    public const string ReturnResult = """
        {
          "id": "ret_za00y6vdw5yc85jkez1v", "transactionId": "txn_8d2k4n6p0r2t4v6x8z0b", "memberId": "mbr_3k9x2m7qv0pz8w4r1t6y", "externalId": "RET-2026-11-24-0007",
          "lines": [{ "sku": "4006381333931", "lineNo": 1, "quantity": 1, "pointsReversed": 6, "pointsRefunded": 83 }],
          "pointsReversed": 6, "reversedFromPending": 6, "reversedFromAvailable": 0, "pointsRefunded": 83, "shortfall": 0,
          "balance": { "available": 833, "pending": 94 }
        }
        """;

    public const string CreatedKey = """
        {
          "id": "key_2h6k9m3p7r1t5v8x0z4b", "key": "treu_q3w5e7r9t1y3u5i7o9p1a3s5d7f9g1h3j5k7l9",
          "name": "Till 3, Berlin Mitte", "scope": "pos", "storeId": "berlin-mitte", "prefix": "treu_q3w5e7r", "createdAt": "2026-11-23T08:00:00Z"
        }
        """;

    public const string KeyList = """
        [{ "id": "key_2h6k9m3p7r1t5v8x0z4b", "name": "Till 3, Berlin Mitte", "scope": "pos", "storeId": "berlin-mitte", "prefix": "treu_q3w5e7r", "createdAt": "2026-11-23T08:00:00Z", "revokedAt": null }]
        """;

    public const string Program = """
        {
          "id": "prg_9vk4ygjdf8xe48ty8143", "name": "Demo Retail", "currency": "EUR", "pointsName": "points", "earnRate": 1, "earnRounding": "floor",
          "excludedCategories": ["tax", "shipping", "gift_card"], "pendingDays": 14, "expiryMonths": 24, "pointValue": 0.01,
          "minRedemptionPoints": 100, "maxRedemptionPoints": null, "maxRedemptionShare": 0.5, "returnPolicy": "clamp_to_zero", "updatedAt": "2026-11-23T08:00:00Z"
        }
        """;

    public const string JobRun = """
        { "job": "expiry", "processed": 312, "ranAt": "2026-11-23T03:00:00Z" }
        """;
}
