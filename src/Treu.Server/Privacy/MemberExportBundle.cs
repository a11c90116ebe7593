using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using CsvHelper;

namespace Treu.Server.Privacy;

/// <summary>
/// The export as a zip: <c>export.json</c> (the same document as the JSON answer) and one CSV file per list, for a
/// spreadsheet. The CSV columns and values are the JSON's own names and values, so both say exactly the same.
/// </summary>
public static class MemberExportBundle
{
    /// <summary>The zip's bytes; built in memory (a member's data is megabytes at most), so the answer has its length.</summary>
    public static byte[] Write(MemberExport export, JsonSerializerOptions json, CancellationToken ct)
    {
        var document = JsonSerializer.SerializeToElement(export, json);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry("export.json", CompressionLevel.Fastest).Open())
            {
                JsonSerializer.Serialize(entry, document, json);
            }

            foreach (var part in document.EnumerateObject())
            {
                if (part.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                {
                    using var entry = zip.CreateEntry($"{Hosting.Json.SnakeCase(part.Name)}.csv", CompressionLevel.Fastest).Open();
                    WriteCsv(part.Value, entry, ct);
                }
            }
        }

        return output.ToArray();
    }

    /// <summary>A list as one row per item; a single record (the member) as one row per field.</summary>
    private static void WriteCsv(JsonElement part, Stream stream, CancellationToken ct)
    {
        using var text = new StreamWriter(stream, leaveOpen: true);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        if (part.ValueKind == JsonValueKind.Object)
        {
            csv.WriteField("field");
            csv.WriteField("value");
            csv.NextRecord();
            foreach (var field in part.EnumerateObject())
            {
                csv.WriteField(field.Name);
                csv.WriteField(Cell(field.Value));
                csv.NextRecord();
            }

            return;
        }

        var columns = part.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first ? first.EnumerateObject().Select(f => f.Name).ToList() : [];
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var row in part.EnumerateArray())
        {
            ct.ThrowIfCancellationRequested();
            foreach (var column in columns)
            {
                csv.WriteField(row.TryGetProperty(column, out var value) ? Cell(value) : "");
            }

            csv.NextRecord();
        }
    }

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
