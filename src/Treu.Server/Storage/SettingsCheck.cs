using Microsoft.Extensions.Options;

namespace Treu.Server.Storage;

/// <summary>
/// Checks the settings before the host is built, so that a wrong one stops the server or a command with a sentence an
/// operator can act on, instead of a stack trace from wherever the setting is first read (the web host reads the limits
/// while it is built). The host checks them again when it starts (<c>ValidateOnStart</c>), for hosts started otherwise.
/// </summary>
public static class SettingsCheck
{
    /// <summary>What is wrong with the settings, one line each, to print as they are; empty when the settings are valid.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration) =>
        Failures(configuration).Select(failure => $"Treu cannot start: {failure}").ToList();

    /// <summary>Writes the <see cref="Problems"/> to <paramref name="output"/>, unwrapped; true when there were any.</summary>
    public static bool Refuse(IConfiguration configuration, TextWriter output)
    {
        var problems = Problems(configuration);
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        return problems.Count > 0;
    }

    private static IEnumerable<string> Failures(IConfiguration configuration)
    {
        TreuOptions options = new();
        try
        {
            configuration.GetSection(TreuOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e) when (e.InnerException is { } reason)
        {
            // A value that is not of its setting's type ("abc" for a number, an unknown provider): the binder's message
            // names the setting and the value, the reason says what would do.
            return [$"{e.Message} {reason.Message}"];
        }

        return new TreuOptionsValidation().Validate(Options.DefaultName, options) is { Failed: true } result ? result.Failures : [];
    }
}
