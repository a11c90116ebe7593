using System.Text.Json;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Treu.Server.Ledger.Checkpoints;

namespace Treu.Server.Cli;

/// <summary><c>treu ledger verify --checkpoint FILE [--public-key KEY]</c>: proves that no entry the checkpoint covers was changed since.</summary>
public static class CheckpointCommands
{
    public static async Task<int> VerifyAsync(IServiceProvider services, string path, string? publicKey, IAnsiConsole console)
    {
        if (!File.Exists(path))
        {
            console.MarkupLine($"[red]No checkpoint file {Markup.Escape(path)}.[/]");
            return 2;
        }

        CheckpointFile? file;
        try
        {
            await using var stream = File.OpenRead(path);
            var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            file = await JsonSerializer.DeserializeAsync<CheckpointFile>(stream, json);
        }
        catch (JsonException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(path)} is not a checkpoint file: {Markup.Escape(e.Message)}[/]");
            return 2;
        }

        if (file is not { Format: CheckpointFile.FormatName, Heads: not null })
        {
            console.MarkupLine($"[red]{Markup.Escape(path)} is not a checkpoint file ({CheckpointFile.FormatName}).[/]");
            return 2;
        }

        // The key trusted is the one given, else this server's own: never only the one the file names.
        var trusted = publicKey ?? services.GetRequiredService<CheckpointSigner>().PublicKey;
        var report = await console.Status().StartAsync($"Verifying the ledger against checkpoint {file.Number}…",
            _ => services.GetRequiredService<CheckpointVerification>().VerifyAsync(file, trusted, CancellationToken.None));
        console.MarkupLine($"Checkpoint [bold]{Markup.Escape(file.Id)}[/] (number {file.Number}, completed {file.CompletedAt:u}): checked [bold]{report.MembersChecked}[/] "
            + $"members and [bold]{report.EntriesChecked}[/] ledger entries.");
        if (!report.KeyTrusted)
        {
            console.MarkupLine($"[red]The checkpoint was signed with key {Markup.Escape(file.PublicKey)}, not with the trusted key {Markup.Escape(trusted)}.[/]");
        }

        if (!report.SignatureValid || !report.RootMatches)
        {
            console.MarkupLine("[red]The file is not what was signed: its signature or its root does not match its heads.[/]");
        }

        if (report.Ok)
        {
            console.MarkupLine("[green]Checkpoint verified: the signature is valid and no entry it covers was changed.[/]");
            return 0;
        }

        if (report.Mismatches.Count > 0)
        {
            Commands.WriteMismatches(report.Mismatches, console);
        }

        return 1;
    }
}
