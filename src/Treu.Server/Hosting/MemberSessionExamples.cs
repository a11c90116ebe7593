namespace Treu.Server.Hosting;

/// <summary>Example bodies of the member sessions' endpoints, as a wallet app would send and receive them.</summary>
public static class MemberSessionExamples
{
    public const string RequestCode = """
        { "programId": "prg_01m8k8z0q9cw1v5x7b3n6t2y4d", "email": "anna.schmidt@example.de" }
        """;

    public const string CodeRequested = """
        { "channel": "email", "expiresAt": "2026-11-23T10:10:00Z" }
        """;

    public const string SignIn = """
        { "programId": "prg_01m8k8z0q9cw1v5x7b3n6t2y4d", "email": "anna.schmidt@example.de", "oneTimeCode": "428519" }
        """;

    public const string Refresh = """
        { "refreshToken": "tmr_k3v9q2m8x7c4n1b6z5w0y9t8r7e6u5i4o3p2a1s0" }
        """;

    public const string Session = """
        {
          "sessionId": "mss_01m8ka2w30vvn394qrnagt76cv", "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r", "tokenType": "Bearer",
          "accessToken": "tma_9x8c7v6b5n4m3q2w1e0r9t8y7u6i5o4p3a2s1d0f", "accessTokenExpiresAt": "2026-11-23T10:15:00Z",
          "refreshToken": "tmr_k3v9q2m8x7c4n1b6z5w0y9t8r7e6u5i4o3p2a1s0", "refreshTokenExpiresAt": "2026-12-23T10:00:00Z"
        }
        """;

    public const string Ended = """
        { "ended": 2 }
        """;
}
