using System.Reflection;
using System.Text.RegularExpressions;
using Treu.Domain.Common;
using Treu.Server.Hosting;
using Treu.Testing;

namespace Treu.Api.Tests.Reference;

/// <summary>
/// The error codes a client can meet are the ones docs/api.md lists, each under the status it really comes with: every
/// feature declares its codes as <see cref="ErrorCode"/> fields, and this reads them all.
/// </summary>
public sealed partial class ErrorCatalogueSpec
{
    private static readonly Assembly[] Assemblies = [typeof(ErrorCode).Assembly, typeof(Problems).Assembly];

    /// <summary>Every ErrorCode declared as a static field anywhere in the domain and the server.</summary>
    private static List<(string Where, ErrorCode Code)> Catalogue() =>
        Assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(ErrorCode))
                .Select(f => ($"{t.Name}.{f.Name}", (ErrorCode)f.GetValue(null)!)))
            .ToList();

    /// <summary>The codes docs/api.md lists, by the status of the table row they stand in.</summary>
    private static Dictionary<string, int> Documented()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "api.md"));
        var errors = text[text.IndexOf("## Errors", StringComparison.Ordinal)..];
        var documented = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(errors))
        {
            foreach (Match code in Code().Matches(row.Groups["codes"].Value))
            {
                documented[code.Groups[1].Value] = int.Parse(row.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return documented;
    }

    [Fact]
    public void The_catalogue_holds_the_codes_every_feature_answers_with()
    {
        var codes = Catalogue().Select(c => c.Code.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("insufficient_points", codes);
        Assert.Contains("member_not_found", codes);
        Assert.Contains("rule_not_found", codes);
        Assert.Contains("rate_limited", codes);
        Assert.True(codes.Count >= 40, $"only {codes.Count} codes found");
    }

    [Fact]
    public void A_code_means_one_kind_of_failure_wherever_it_is_declared()
    {
        var clashes = Catalogue().GroupBy(c => c.Code.Code).Where(g => g.Select(c => c.Code.Kind).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => $"{c.Where} ({c.Code.Kind})"))}");

        Assert.Empty(clashes);
    }

    [Fact]
    public void Every_code_stands_in_docs_api_md_under_the_status_it_is_answered_with()
    {
        var documented = Documented();
        var expected = Catalogue().Select(c => (c.Code.Code, Status: Problems.StatusOf(c.Code.Kind)))
            .Concat(HttpErrors.OfFramework.Select(f => (Code: f.Value, Status: f.Key)))
            .Distinct();

        var wrong = expected.Where(e => documented.GetValueOrDefault(e.Code) != e.Status)
            .Select(e => documented.TryGetValue(e.Code, out var status) ? $"{e.Code}: listed under {status}, answered with {e.Status}" : $"{e.Code} ({e.Status}) is missing");

        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_failure_kind_has_a_status()
    {
        foreach (var kind in Enum.GetValues<FailureKind>())
        {
            Assert.InRange(Problems.StatusOf(kind), 400, 599);
        }
    }

    [GeneratedRegex(@"^\| (?<status>\d{3}) \| (?<codes>.*) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`([a-z_]+)`")]
    private static partial Regex Code();
}
