namespace Treu.Server.Hosting;

/// <summary>Example answers of the privacy endpoints.</summary>
public static class PrivacyExamples
{
    public const string Export = """
        {
          "exportedAt": "2026-11-23T10:00:00Z",
          "programId": "prg_01m8k8z0q9cw1v5x7b3n6t2y4d",
          "member": {
            "id": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "memberNumber": "4829105736", "email": "anna.schmidt@example.de", "phone": "+491701234567",
            "firstName": "Anna", "lastName": "Schmidt", "birthDate": "1990-04-12", "language": "de", "status": "active", "blockedReason": null,
            "enrolledChannel": "store", "enrolledStoreId": "berlin-mitte", "externalRef": null, "tier": "silver", "tierSince": "2026-06-01T09:00:00Z",
            "manualTier": null, "manualTierUntil": null, "manualTierReason": null, "tags": ["newsletter"], "attributes": { "favouriteStore": "berlin-mitte" },
            "createdAt": "2026-01-10T09:00:00Z", "updatedAt": "2026-11-20T16:00:00Z", "available": 950, "pending": 87, "lifetimeEarned": 1237, "lifetimeSpent": 200
          },
          "cards": [ { "number": "2750001234567", "addedAt": "2026-01-10T09:00:00Z" } ],
          "consents": [
            { "purpose": "marketing_email", "granted": true, "textVersion": "2026-01", "channel": "store", "recordedAt": "2026-01-10T09:00:00Z" },
            { "purpose": "marketing_email", "granted": false, "textVersion": "2026-01", "channel": "app", "recordedAt": "2026-09-02T18:30:00Z" }
          ],
          "ledger": [
            {
              "seq": 1, "id": "ent_01m8k9j4y03k9x2m7qv0pz8w4s", "kind": "earn", "availableDelta": 0, "pendingDelta": 45, "reason": "Purchase R-42",
              "channel": "store", "storeId": "berlin-mitte", "actor": "api_key:key_01m8k8z0q9", "causeType": "purchase", "causeId": "pur_01m8k9paq87w1r5t9y3v7j105p",
              "lotId": "lot_01m8k9paq87w1r5t9y3v7j105q", "createdAt": "2026-11-20T16:00:00Z",
              "hash": "9f2c1e0b7d5a4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3"
            }
          ],
          "purchases": [
            {
              "id": "pur_01m8k9paq87w1r5t9y3v7j105p", "externalId": "R-42", "channel": "store", "storeId": "berlin-mitte", "occurredAt": "2026-11-20T16:00:00Z",
              "recordedAt": "2026-11-20T16:00:01Z", "currency": "EUR", "total": 44.95, "eligibleAmount": 44.95, "pointsEarned": 45, "pointsRedeemed": 0,
              "redeemedValue": 0.00, "cashback": 0.00
            }
          ],
          "purchaseLines": [
            {
              "purchaseId": "pur_01m8k9paq87w1r5t9y3v7j105p", "lineNo": 1, "sku": "4006381333931", "name": "Organic coffee", "category": "organic", "brand": null,
              "quantity": 5, "unitPrice": 8.99, "discount": 0.00, "netAmount": 44.95, "pointsEarned": 45, "pointsRedeemed": 0, "returnedQuantity": 0,
              "pointsReversed": 0, "pointsRefunded": 0
            }
          ],
          "returns": [], "transfers": [], "vouchers": [], "donations": [], "tierChanges": [], "events": [],
          "sessions": [
            {
              "id": "mss_01m8ka2w30vvn394qrnagt76cv", "createdAt": "2026-11-21T08:00:00Z", "createdBy": "code:email", "accessExpiresAt": "2026-11-21T08:15:00Z",
              "refreshExpiresAt": "2026-12-21T08:00:00Z", "revokedAt": null
            }
          ]
        }
        """;

    public const string Erase = """
        { "reason": "Request by letter of 2026-12-01 (ticket 4711)" }
        """;

    public const string Erased = """
        { "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "erasedAt": "2026-12-03T10:00:00Z", "sessionsEnded": 2 }
        """;
}
