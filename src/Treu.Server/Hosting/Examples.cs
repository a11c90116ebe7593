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
          "id": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
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
          "tier": null,
          "tags": ["students"],
          "attributes": { "favourite_store": "berlin-mitte" },
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
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
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
          "id": "txn_01m8ka71w88d2k4n6p0r2t4v6x",
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
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
          "cashback": 0,
          "breakdown": [
            { "rule": "base_rate", "version": 1, "name": "Base rate: 1 points per EUR", "points": 13, "cashback": 0, "lines": [], "applied": true, "notAppliedBecause": null },
            { "rule": "organic_x2", "version": 3, "name": "Double points on organic produce", "points": 7, "cashback": 0,
              "lines": [{ "lineNo": 1, "points": 7 }], "applied": true, "notAppliedBecause": null }
          ],
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
        { "fromMemberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "toMemberId": "mbr_01m8k9paq87w1r5t9y3v7j105p", "points": 300, "reason": "Family pooling" }
        """;

    public const string CreateKey = """
        { "name": "Till 3, Berlin Mitte", "scope": "pos", "storeId": "berlin-mitte" }
        """;

    public const string UpdateProgram = """
        { "earnRate": 2, "pendingDays": 14, "expiryMonths": 24, "maxRedemptionShare": 0.5, "returnPolicy": "clamp_to_zero" }
        """;

    public const string QrToken = """
        { "token": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r.1795425600.pW2gk1H0Zq8wX3vQbT7sYA", "expiresAt": "2026-11-23T09:20:00Z" }
        """;

    public const string Balance = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
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
              "id": "led_01m8k95kj89f3k2m8q1w5e7r0t", "seq": 42, "kind": "earn", "points": 13, "availableDelta": 0, "pendingDelta": 13,
              "reason": "Earned on receipt R-2026-11-23-0042", "channel": "store", "storeId": "berlin-mitte", "actor": "api_key:key_01m8k8x7zr2h6k9m3p7r1t5v8x",
              "cause": { "type": "purchase", "id": "txn_01m8ka71w88d2k4n6p0r2t4v6x" }, "lotId": "lot_01m8k99sbg5g7j9k1n3q5s7v9w",
              "createdAt": "2026-11-23T09:15:01Z", "hash": "43f6d5ccf5021424a0441211602cdfb7a14f9cde775d00dc0b756d02e64c0a8f",
              "rules": [{ "rule": "base_rate", "version": 1 }]
            }
          ],
          "nextCursor": "c2VxOjQy"
        }
        """;

    public const string AdjustmentResult = """
        {
          "id": "adj_01m8k8gpm04k8m2q6s0v4w8y2a",
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "entry": {
            "id": "led_01m8k91ds01a3c5e7g9j1k3n5q", "seq": 43, "kind": "adjust", "points": 200, "availableDelta": 200, "pendingDelta": 0,
            "reason": "Goodwill: delivery was two days late (ticket 4711)", "channel": "admin", "storeId": null, "actor": "api_key:key_01m8k8s26g0ap4y5005y76abq8",
            "cause": { "type": "adjustment", "id": "adj_01m8k8gpm04k8m2q6s0v4w8y2a" }, "lotId": "lot_01m8k9dz4r7w1r5t9y3v7j105p",
            "createdAt": "2026-11-23T10:02:11Z", "hash": "9ad207df6e95bd172d6e57573a948b1203e8dcfda0e916af07091597a2b7555a", "rules": null
          },
          "balance": { "available": 1450, "pending": 87 }
        }
        """;

    public const string TransferResult = """
        {
          "id": "trf_01m8ka2w30vvn394qrnagt76cv", "fromMemberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "toMemberId": "mbr_01m8k9paq87w1r5t9y3v7j105p",
          "points": 300, "reason": "Family pooling",
          "from": { "available": 950, "pending": 87 }, "to": { "available": 420, "pending": 0 }, "createdAt": "2026-11-23T10:05:00Z"
        }
        """;

    public const string Verification = """
        { "ok": true, "membersChecked": 18250, "entriesChecked": 402117, "mismatches": [], "checkedAt": "2026-11-23T03:00:00Z" }
        """;

    public const string Checkpoint = """
        {
          "id": "ckp_01kbn2c0a0q3h8w5z1m4t7r9xy", "programId": "prg_default", "number": 42, "startedAt": "2026-12-03T03:00:00Z",
          "completedAt": "2026-12-03T03:00:41Z", "members": 18250, "root": "9f2c61d0b7e84a5c3b1f0e9d8c7b6a5f4e3d2c1b0a99887766554433221100ff",
          "publicKey": "2mB0q3u5kC8yQe1Wv7Zr4nXt6Lp9Hs0Jd2Fg5Ka8Mc4=",
          "signature": "Qm9vZ2xlIHNpZ25hdHVyZSBleGFtcGxlIG9ubHkgLSBub3QgYSByZWFsIEVkMjU1MTkgc2lnbmF0dXJlIQ==", "headsKept": true
        }
        """;

    public const string CheckpointList = $$"""
        { "items": [ {{Checkpoint}} ] }
        """;

    public const string CheckpointFile = """
        {
          "format": "treu-ledger-checkpoint-v1", "id": "ckp_01kbn2c0a0q3h8w5z1m4t7r9xy", "programId": "prg_default", "number": 42,
          "startedAt": "2026-12-03T03:00:00Z", "completedAt": "2026-12-03T03:00:41Z", "members": 2,
          "root": "9f2c61d0b7e84a5c3b1f0e9d8c7b6a5f4e3d2c1b0a99887766554433221100ff", "publicKey": "2mB0q3u5kC8yQe1Wv7Zr4nXt6Lp9Hs0Jd2Fg5Ka8Mc4=",
          "signature": "Qm9vZ2xlIHNpZ25hdHVyZSBleGFtcGxlIG9ubHkgLSBub3QgYSByZWFsIEVkMjU1MTkgc2lnbmF0dXJlIQ==",
          "heads": [
            { "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "seq": 17, "hash": "3b8e0c5d9a1f2e4b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3" },
            { "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4s", "seq": 0, "hash": "0000000000000000000000000000000000000000000000000000000000000000" }
          ]
        }
        """;

    public const string PreviewResult = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "currency": "EUR", "total": 41.98, "amountToPay": 36.98, "eligibleAmount": 13.82,
          "earned": { "points": 13, "status": "pending", "availableAt": "2026-12-07T09:15:00Z" },
          "redeem": { "requested": 500, "value": 5.00, "maxRedeemable": 1250, "maxRedeemableValue": 12.50, "allowed": true, "refusedCode": null, "refusedBecause": null },
          "balance": { "available": 1250, "pending": 87 },
          "cashback": 0,
          "breakdown": [
            { "rule": "base_rate", "version": 1, "name": "Base rate: 1 points per EUR", "points": 13, "cashback": 0, "lines": [], "applied": true, "notAppliedBecause": null },
            { "rule": "app_first_purchase", "version": 1, "name": "50 extra points on the first purchase in the app", "points": 0, "cashback": 0, "lines": [],
              "applied": false, "notAppliedBecause": "channel is store, not one of app" }
          ],
          "lines": []
        }
        """;

    public const string ReturnResult = """
        {
          "id": "ret_01m8k9yp9rza00y6vdw5yc85jk", "transactionId": "txn_01m8ka71w88d2k4n6p0r2t4v6x", "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "externalId": "RET-2026-11-24-0007",
          "lines": [{ "sku": "4006381333931", "lineNo": 1, "quantity": 1, "pointsReversed": 6, "pointsRefunded": 83 }],
          "pointsReversed": 6, "reversedFromPending": 6, "reversedFromAvailable": 0, "pointsRefunded": 83, "shortfall": 0,
          "balance": { "available": 833, "pending": 94 }
        }
        """;

    public const string CreatedKey = """
        {
          "id": "key_01m8k8x7zr2h6k9m3p7r1t5v8x", "key": "treu_q3w5e7r9t1y3u5i7o9p1a3s5d7f9g1h3j5k7l9",
          "name": "Till 3, Berlin Mitte", "scope": "pos", "storeId": "berlin-mitte", "prefix": "treu_q3w5e7r", "createdAt": "2026-11-23T08:00:00Z"
        }
        """;

    public const string KeyList = """
        [{
          "id": "key_01m8k8x7zr2h6k9m3p7r1t5v8x", "name": "Till 3, Berlin Mitte", "scope": "pos", "storeId": "berlin-mitte", "prefix": "treu_q3w5e7r",
          "createdAt": "2026-11-23T08:00:00Z", "revokedAt": null
        }]
        """;

    public const string Program = """
        {
          "id": "prg_01m8k9tggg9vk4ygjdf8xe48ty", "name": "Demo Retail", "currency": "EUR", "pointsName": "points", "earnRate": 1, "earnRounding": "floor",
          "excludedCategories": ["tax", "shipping", "gift_card"], "pendingDays": 14, "expiryMonths": 24, "pointValue": 0.01,
          "minRedemptionPoints": 100, "maxRedemptionPoints": null, "maxRedemptionShare": 0.5, "returnPolicy": "clamp_to_zero", "refundUnusedVouchers": true,
          "brandColour": "#0b5cad", "logo": null, "supportAdjustmentLimit": 500, "updatedAt": "2026-11-23T08:00:00Z"
        }
        """;

    public const string JobRun = """
        { "job": "expiry", "processed": 312, "ranAt": "2026-11-23T03:00:00Z" }
        """;

    private const string OrganicRule = """
        {
          "name": "Double points on organic produce",
          "description": "Every organic line earns twice",
          "trigger": "purchase",
          "eventType": null,
          "priority": 10,
          "stacking": "stack",
          "group": null,
          "validFrom": "2026-03-01T00:00:00Z",
          "validTo": "2026-04-01T00:00:00Z",
          "conditions": [
            { "type": "product", "categories": ["organic"] },
            { "type": "channel", "in": ["store", "webshop", "app"] }
          ],
          "effects": [{ "type": "multiplier", "factor": 2 }],
          "caps": {
            "perTransaction": 500, "perMemberPerDay": null, "perMemberPerWeek": null, "perMemberPerMonth": 2000, "budget": 1000000,
            "timesPerMember": null, "timesPerMemberPerDay": null
          }
        }
        """;

    public const string CreateRule = """{ "id": "organic_x2", "campaignId": null, "definition": """ + OrganicRule + "}";

    public const string UpdateRule = """
        {
          "definition": {
            "name": "Triple points on organic produce",
            "priority": 10,
            "conditions": [{ "type": "product", "categories": ["organic"] }],
            "effects": [{ "type": "multiplier", "factor": 3 }],
            "caps": { "perMemberPerMonth": 3000, "budget": 1000000 }
          }
        }
        """;

    private const string RuleFields = """
          "id": "organic_x2", "version": 1, "status": "active", "inForce": true, "campaignId": null,
          "budget": { "budget": 1000000, "used": 48210, "left": 951790, "exhausted": false },
          "createdAt": "2026-02-20T10:00:00Z", "updatedAt": "2026-02-27T16:30:00Z", "updatedBy": "api_key:key_01m8k8x7zr2h6k9m3p7r1t5v8x",
        """;

    public const string Rule = "{" + RuleFields + "\"definition\": " + OrganicRule + ", \"versions\": null }";

    public const string RuleList = "[" + Rule + "]";

    public const string RuleWithVersions = "{" + RuleFields + "\"definition\": " + OrganicRule + """
        , "versions": [{ "version": 1, "definition": 
        """ + OrganicRule + """
        , "createdAt": "2026-02-20T10:00:00Z", "createdBy": "api_key:key_01m8k8x7zr2h6k9m3p7r1t5v8x" }] }
        """;

    public const string Simulate = """
        { "days": 30 }
        """;

    public const string SimulateDraft = "{ \"days\": 30, \"definition\": " + OrganicRule + "}";

    public const string Simulation = """
        {
          "from": "2026-10-24T09:00:00Z", "to": "2026-11-23T09:00:00Z", "transactionsScanned": 48210, "eventsScanned": 0,
          "transactionsAffected": 9312, "membersReached": 4127, "extraPoints": 61544, "extraCost": 615.44, "cashback": 0, "currency": "EUR",
          "rules": [
            { "rule": "organic_x2", "name": "Double points on organic produce", "transactions": 9312, "members": 4127, "points": 61544, "cashback": 0, "stoppedBecause": null }
          ],
          "truncated": false,
          "days": [{ "date": "2026-10-24", "transactions": 301, "extraPoints": 1988 }, { "date": "2026-10-25", "transactions": 287, "extraPoints": 1902 }]
        }
        """;

    public const string CreateCampaign = """
        {
          "id": "double-weekend-2026-12",
          "name": "Double points weekend",
          "description": "Second advent weekend",
          "startsAt": "2026-12-05T00:00:00Z",
          "endsAt": "2026-12-07T00:00:00Z",
          "earlyAccess": { "startsAt": "2026-12-04T00:00:00Z", "tiers": ["gold", "platinum"] },
          "rules": [{ "id": "weekend_x2", "definition": { "name": "Double points", "effects": [{ "type": "multiplier", "factor": 2 }] } }]
        }
        """;

    public const string UpdateCampaign = """
        { "name": "Double points weekend", "description": "Second advent weekend, extended to Monday", "startsAt": "2026-12-05T00:00:00Z", "endsAt": "2026-12-08T00:00:00Z" }
        """;

    public const string Campaign = """
        {
          "id": "double-weekend-2026-12", "name": "Double points weekend", "description": "Second advent weekend",
          "startsAt": "2026-12-05T00:00:00Z", "endsAt": "2026-12-07T00:00:00Z", "status": "active", "inForce": false,
          "rules": [{
            "id": "weekend_x2", "version": 1, "status": "active", "inForce": false, "campaignId": "double-weekend-2026-12", "budget": null,
            "definition": { "name": "Double points", "description": null, "trigger": "purchase", "eventType": null, "priority": 0, "stacking": "stack", "group": null,
              "validFrom": null, "validTo": null, "conditions": [], "effects": [{ "type": "multiplier", "factor": 2 }], "caps": null },
            "createdAt": "2026-11-23T08:00:00Z", "updatedAt": "2026-11-23T08:05:00Z", "updatedBy": "api_key:key_01m8k8x7zr2h6k9m3p7r1t5v8x", "versions": null
          }],
          "earlyAccess": { "startsAt": "2026-12-04T00:00:00Z", "tiers": ["gold", "platinum"] },
          "createdAt": "2026-11-23T08:00:00Z", "updatedAt": "2026-11-23T08:05:00Z", "updatedBy": "api_key:key_01m8k8x7zr2h6k9m3p7r1t5v8x"
        }
        """;

    public const string CampaignList = "[" + Campaign + "]";

    public const string Audit = """
        [{
          "id": 412, "at": "2026-11-23T08:05:00Z", "actor": "api_key:key_01m8k8x7zr2h6k9m3p7r1t5v8x", "action": "rule.activated",
          "targetType": "rule", "targetId": "organic_x2", "details": { "version": 1, "from": "draft", "to": "active" }
        }]
        """;

    public const string MemberEvent = """
        { "type": "product_review", "externalId": "review-88412", "occurredAt": "2026-11-23T09:30:00Z" }
        """;

    public const string MemberEventResult = """
        {
          "id": "evt_01m8k8mwd86t2w8y4a0c6e2g8j", "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "type": "product_review", "externalId": "review-88412",
          "occurredAt": "2026-11-23T09:30:00Z", "points": 25,
          "breakdown": [
            { "rule": "review_bonus", "version": 2, "name": "25 points per review, 3 a month", "points": 25, "cashback": 0, "lines": [],
              "applied": true, "notAppliedBecause": null }
          ],
          "balance": { "available": 1275, "pending": 87 }
        }
        """;

    public const string AddStaff = """
        { "email": "mia.manager@example.de", "displayName": "Mia Manager", "role": "manager" }
        """;

    public const string Staff = """
        {
          "id": "stf_01m8k8x7zr2h6k9m3p7r1t5v8x", "email": "mia.manager@example.de", "displayName": "Mia Manager", "role": "manager", "storeId": null,
          "disabled": false, "locked": false, "secondFactor": false, "lastSignInAt": null, "createdAt": "2026-11-23T08:00:00Z"
        }
        """;

    public const string StaffCreated = """
        {
          "account": {
            "id": "stf_01m8k8x7zr2h6k9m3p7r1t5v8x", "email": "mia.manager@example.de", "displayName": "Mia Manager", "role": "manager", "storeId": null,
            "disabled": false, "locked": false, "secondFactor": false, "lastSignInAt": null, "createdAt": "2026-11-23T08:00:00Z"
          },
          "password": "q3w5e7r9t1y3u5i7o9p1"
        }
        """;

    public const string StaffList = """
        [{
          "id": "stf_01m8k8x7zr2h6k9m3p7r1t5v8x", "email": "mia.manager@example.de", "displayName": "Mia Manager", "role": "manager", "storeId": null,
          "disabled": false, "locked": false, "secondFactor": false, "lastSignInAt": "2026-11-24T07:58:00Z", "createdAt": "2026-11-23T08:00:00Z"
        }]
        """;

    public const string ChangeStaff = """
        { "role": "support", "signOutEverywhere": true }
        """;
}
