using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Import;

/// <summary>An operator who asks <c>treu</c> for help, or mistypes a command, is told how to call it, brackets and all (they are text, not markup).</summary>
public sealed class UsageSpec(SqliteApp app) : ApiSpec(app), IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("--help", 0)]
    [InlineData("help", 0)]
    [InlineData("import", 2)]
    [InlineData("ledger", 2)]
    public async Task Help_and_an_incomplete_command_print_the_usage(string command, int exitCode)
    {
        var (code, output) = await App.Treu(command);

        Assert.Equal(exitCode, code);
        Assert.Contains("Usage: treu [ledger verify [--checkpoint <file.json> [--public-key <base64>]] | migrate", output);
        Assert.Contains("import members|transactions <file.csv> [--program <id>] [--report <rejected.csv>]", output);
        Assert.Contains("generate --members <n> --entries <n>", output);
    }
}
