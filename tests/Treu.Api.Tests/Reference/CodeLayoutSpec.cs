using System.Text.RegularExpressions;
using Treu.Testing;

namespace Treu.Api.Tests.Reference;

/// <summary>
/// The layout rules of the house that <c>dotnet format</c> cannot check (.editorconfig states them): a line is at
/// most 180 characters, and a source file holds one top-level type named as the file. A feature's wire records may
/// share its <c>…Contracts.cs</c>; generated migrations are left as EF Core writes them.
/// </summary>
public sealed partial class CodeLayoutSpec
{
    private const int MaxLineLength = 180;

    [Fact]
    public void No_line_is_longer_than_the_editorconfig_allows()
    {
        var tooLong =
            from file in SourceFiles("src", "tests", "bench")
            from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
            where line.text.Length > MaxLineLength
            select $"{Relative(file)}:{line.number} ({line.text.Length})";

        Assert.Empty(tooLong);
    }

    [Fact]
    public void Each_source_file_holds_one_type_named_as_the_file()
    {
        var misplaced =
            from file in SourceFiles("src")
            let name = Path.GetFileNameWithoutExtension(file)
            where name != "Program" && !name.EndsWith("Contracts", StringComparison.Ordinal)
            let types = TopLevelType().Matches(File.ReadAllText(file)).Select(match => match.Groups["name"].Value).ToList()
            where types.Count > 1 || (types.Count == 1 && types[0] != name)
            select $"{Relative(file)}: {string.Join(", ", types)}";

        Assert.Empty(misplaced);
    }

    private static IEnumerable<string> SourceFiles(params string[] folders) =>
        from folder in folders
        from file in Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories)
        let parts = Relative(file).Split('/')
        where !parts.Contains("bin") && !parts.Contains("obj") && !parts.Contains("Migrations") && !parts.Contains("node_modules")
        select file;

    private static string Relative(string file) => Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');

    /// <summary>A type declared at the start of a line: the namespaces are file-scoped (.editorconfig), so nested types are indented.</summary>
    [GeneratedRegex(
        @"^(?:(?:public|internal|file|static|sealed|abstract|readonly|partial|record|unsafe)\s+)*(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)",
        RegexOptions.Multiline)]
    private static partial Regex TopLevelType();
}
