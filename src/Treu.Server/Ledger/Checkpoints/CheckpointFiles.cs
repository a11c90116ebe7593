using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treu.Server.Storage;

namespace Treu.Server.Ledger.Checkpoints;

/// <summary>Writes and reads the checkpoint file (<see cref="CheckpointFile"/>).</summary>
public static class CheckpointFiles
{
    public static async Task WriteAsync(TreuDbContext db, LedgerCheckpoint checkpoint, Stream stream, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("format", CheckpointFile.FormatName);
        json.WriteString("id", checkpoint.Id);
        json.WriteString("programId", checkpoint.ProgramId);
        json.WriteNumber("number", checkpoint.Number);
        json.WriteString("startedAt", checkpoint.StartedAt);
        json.WriteString("completedAt", checkpoint.CompletedAt!.Value);
        json.WriteNumber("members", checkpoint.Members);
        json.WriteString("root", checkpoint.Root);
        json.WriteString("publicKey", checkpoint.PublicKey);
        json.WriteString("signature", checkpoint.Signature);
        json.WriteStartArray("heads");
        for (var page = 0; page < checkpoint.Pages; page++)
        {
            var number = page;
            var heads = await db.LedgerCheckpointPages.AsNoTracking().Where(p => p.CheckpointId == checkpoint.Id && p.Page == number).Select(p => p.Heads).SingleAsync(ct);
            foreach (var line in heads.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ');
                json.WriteStartObject();
                json.WriteString("memberId", parts[0]);
                json.WriteNumber("seq", long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("hash", parts[2]);
                json.WriteEndObject();
            }

            await json.FlushAsync(ct);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }
}
