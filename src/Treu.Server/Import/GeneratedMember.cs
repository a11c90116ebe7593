using Treu.Domain.Members;

namespace Treu.Server.Import;

/// <summary>
/// The identities of generated member number i (from 1): derivable by a load test without a look-up.
/// </summary>
public static class GeneratedMember
{
    public static string Id(long i) => $"mbr_gen{i:D12}";

    public static string Email(long i) => $"m{i}@gen.treu.dev";

    /// <summary>"+4915" and nine digits: a valid E.164 number, unique per member up to 999,999,999.</summary>
    public static string Phone(long i) => $"+4915{i:D9}";

    /// <summary>"29", ten digits and a Luhn check digit, 13 digits like an EAN-13 card.</summary>
    public static string Card(long i) => WithCheckDigit($"29{i:D10}");

    /// <summary>"9", eight digits and the Luhn check digit the till checks: 10 digits like every member number.</summary>
    public static string Number(long i) => WithCheckDigit($"9{i:D8}");

    public static string ExternalRef(long i) => $"gen-{i}";

    private static string WithCheckDigit(string payload) => payload + MemberNumber.CheckDigit(payload);
}
