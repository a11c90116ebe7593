using System.Text.Json;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Treu.Server.Privacy;

namespace Treu.Server.Cli;

/// <summary><c>treu member export &lt;id&gt; --out &lt;file&gt;</c>: a member's data for a request made by letter or at the counter.</summary>
public static class MemberCommands
{
    public static async Task<int> ExportAsync(IServiceProvider services, string memberId, string? programOption, string? output, IAnsiConsole console)
    {
        if (output is null || !(output.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || output.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)))
        {
            console.MarkupLine("Usage: [bold]treu member export <member id> --out <file.json | file.zip>[/] [[--program <id>]]");
            return 2;
        }

        if (await ImportCommands.PrepareAsync(services, programOption, console) is not { } programId)
        {
            return 2;
        }

        var export = await services.GetRequiredService<MemberExporter>().RunAsync(programId, memberId, CancellationToken.None);
        if (export.Failure is { } failure)
        {
            console.MarkupLine($"[red]{Markup.Escape(failure.Message)}[/]");
            return 1;
        }

        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var bytes = output.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            ? MemberExportBundle.Write(export.Value, json, CancellationToken.None)
            : JsonSerializer.SerializeToUtf8Bytes(export.Value, json);
        await File.WriteAllBytesAsync(output, bytes);
        var e = export.Value;
        console.MarkupLine($"Wrote [bold]{Markup.Escape(output)}[/]: {e.Ledger.Count} ledger entries, {e.Purchases.Count} purchases, {e.Consents.Count} consent records.");
        return 0;
    }
}
