namespace Treu.Server.Tiers;

/// <summary>Example bodies of the tier endpoints for the API reference, from the demo program's ladder.</summary>
public static class TierExamples
{
    private const string Ladder = """
        {
          "metric": "qualifying_points",
          "period": "rolling_12_months",
          "reviewAt": "months_after_upgrade",
          "reviewMonths": 12,
          "softLanding": true,
          "returns": "at_review",
          "tiers": [
            { "id": "bronze", "name": { "de": "Bronze", "en": "Bronze" }, "threshold": 0,
              "benefits": { "earnMultiplier": 1, "birthdayBonus": 0, "freeShipping": false, "perks": [] } },
            { "id": "silver", "name": { "de": "Silber", "en": "Silver" }, "threshold": 500,
              "benefits": { "earnMultiplier": 1.25, "birthdayBonus": 0, "freeShipping": false,
                            "perks": [{ "de": "Früher Zugang zu Aktionen", "en": "Early access to campaigns" }] } },
            { "id": "gold", "name": { "de": "Gold", "en": "Gold" }, "threshold": 2000,
              "benefits": { "earnMultiplier": 1.5, "birthdayBonus": 200, "freeShipping": true,
                            "perks": [{ "de": "Kostenloser Versand im Webshop", "en": "Free shipping in the webshop" }] } },
            { "id": "platinum", "name": { "de": "Platin", "en": "Platinum" }, "threshold": 5000,
              "benefits": { "earnMultiplier": 2, "birthdayBonus": 500, "freeShipping": true,
                            "perks": [{ "de": "Ein Kaffee gratis bei jedem Besuch", "en": "A free coffee at every visit" }] } }
          ]
        }
        """;

    public const string ReplaceTiers = Ladder;

    public const string TierLadder = $$"""
        {
          "version": 2,
          "definition": {{Ladder}},
          "updatedAt": "2026-11-23T08:00:00Z",
          "updatedBy": "api_key:key_01m8k8x7zr2h6k9m3p7r1t5v8x",
          "versions": [
            { "version": 2, "definition": {{Ladder}}, "createdAt": "2026-11-23T08:00:00Z", "createdBy": "api_key:key_01m8k8x7zr2h6k9m3p7r1t5v8x" }
          ]
        }
        """;

    public const string TierPreview = """
        {
          "members": 41230,
          "tiers": [
            { "id": "bronze", "name": { "de": "Bronze", "en": "Bronze" }, "threshold": 0, "members": 30112, "membersNow": 29870 },
            { "id": "silver", "name": { "de": "Silber", "en": "Silver" }, "threshold": 500, "members": 8421, "membersNow": 8650 },
            { "id": "gold", "name": { "de": "Gold", "en": "Gold" }, "threshold": 2000, "members": 2310, "membersNow": 2305 },
            { "id": "platinum", "name": { "de": "Platin", "en": "Platinum" }, "threshold": 5000, "members": 387, "membersNow": 405 }
          ],
          "otherNow": 0,
          "at": "2026-11-23T09:00:00Z"
        }
        """;

    public const string TierStats = """
        {
          "members": 41230,
          "tiers": [
            { "id": "bronze", "name": { "de": "Bronze", "en": "Bronze" }, "threshold": 0, "members": 29870, "membersNow": null },
            { "id": "silver", "name": { "de": "Silber", "en": "Silver" }, "threshold": 500, "members": 8650, "membersNow": null },
            { "id": "gold", "name": { "de": "Gold", "en": "Gold" }, "threshold": 2000, "members": 2305, "membersNow": null },
            { "id": "platinum", "name": { "de": "Platin", "en": "Platinum" }, "threshold": 5000, "members": 405, "membersNow": null }
          ],
          "other": 0,
          "months": [
            { "month": "2026-10", "upgrades": 812, "downgrades": 96 },
            { "month": "2026-11", "upgrades": 640, "downgrades": 71 }
          ]
        }
        """;

    public const string MemberTier = """
        {
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "metric": "qualifying_points",
          "period": "rolling_12_months",
          "tier": {
            "id": "silver", "name": { "de": "Silber", "en": "Silver" }, "since": "2026-05-10T14:02:11Z", "securedUntil": "2027-05-31",
            "benefits": { "earnMultiplier": 1.25, "birthdayBonus": 0, "freeShipping": false, "perks": [{ "de": "Früher Zugang zu Aktionen", "en": "Early access to campaigns" }] }
          },
          "qualifying": 1450,
          "qualifyingText": { "de": "1.450 Punkte", "en": "1,450 points" },
          "next": { "id": "gold", "name": { "de": "Gold", "en": "Gold" }, "threshold": 2000, "missing": 550, "missingText": { "de": "noch 550 Punkte", "en": "550 more points" } },
          "keep": { "reviewAt": "2027-05-31T22:00:00Z", "needed": 500, "neededText": { "de": "noch 500 Punkte", "en": "500 more points" } },
          "manual": null,
          "history": [
            { "month": "2025-12", "value": 0 }, { "month": "2026-01", "value": 0 }, { "month": "2026-02", "value": 0 }, { "month": "2026-03", "value": 0 },
            { "month": "2026-04", "value": 0 }, { "month": "2026-05", "value": 1310 }, { "month": "2026-06", "value": 0 }, { "month": "2026-07", "value": 0 },
            { "month": "2026-08", "value": 0 }, { "month": "2026-09", "value": 42 }, { "month": "2026-10", "value": 61 }, { "month": "2026-11", "value": 37 }
          ],
          "before": null,
          "ladderVersion": 2
        }
        """;

    public const string TierHistory = """
        {
          "items": [
            {
              "id": "tch_01m8kb2k4n6p0r2t4v6x8z0b2d", "at": "2026-05-10T14:02:11Z", "from": { "id": "bronze", "name": { "de": "Bronze", "en": "Bronze" } },
              "to": { "id": "silver", "name": { "de": "Silber", "en": "Silver" } }, "direction": "up", "cause": "purchase",
              "causeId": "txn_01m8ka71w88d2k4n6p0r2t4v6x", "reason": null, "qualifying": 512, "ladderVersion": 2
            }
          ],
          "nextCursor": null
        }
        """;

    public const string ManualTier = """
        { "tier": "gold", "until": "2027-06-30", "reason": "Status match: Gold at a partner program, case 2211" }
        """;

    public const string ManualTierResult = $$"""
        {
          "change": { "from": { "id": "silver", "name": { "de": "Silber", "en": "Silver" } }, "to": { "id": "gold", "name": { "de": "Gold", "en": "Gold" } }, "direction": "up" },
          "standing": {{MemberTier}}
        }
        """;
}
