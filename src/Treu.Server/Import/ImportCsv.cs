using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Treu.Server.Hosting;

namespace Treu.Server.Import;

/// <summary>What the CSV imports share: a header checked against the known columns, and a tally of rejected rows.</summary>
public sealed class ImportCsv : IDisposable
{
    private readonly CsvReader _csv;
    private bool _badLine;

    private ImportCsv(TextReader text) =>
        _csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = _ => _badLine = true,
            MissingFieldFound = null,
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
        });

    /// <summary>Opens the file and checks its header: an unknown column (a typo would lose data silently) or a missing required one stops the import.</summary>
    public static async Task<ImportCsv> OpenAsync(TextReader text, string[] columns, string[] required)
    {
        var file = new ImportCsv(text);
        if (!await file._csv.ReadAsync() || !file._csv.ReadHeader())
        {
            throw new ImportFileException("The file is empty: the first line must name the columns.");
        }

        var header = file._csv.HeaderRecord!.Select(h => h.Trim()).ToArray();
        var unknown = header.Where(h => !columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new ImportFileException($"Unknown column(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", columns)}.");
        }

        if (required.FirstOrDefault(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)) is { } missing)
        {
            throw new ImportFileException($"The column {missing} is required.");
        }

        return file;
    }

    /// <summary>The line of the file the current row ends on (the header is line 1).</summary>
    public long Line => _csv.Parser.RawRow;

    /// <summary>
    /// Moves to the next row; false at the end. A row that is not well-formed CSV, or that holds a control character
    /// the API would refuse too (<see cref="StoredText"/>), is reported through <paramref name="refused"/> and skipped.
    /// </summary>
    public async Task<bool> ReadAsync(Action<RejectedRow> refused)
    {
        while (await _csv.ReadAsync())
        {
            if (_badLine)
            {
                _badLine = false;
                refused(new RejectedRow(Line, null, "malformed", "the line is not well-formed CSV (a stray quote?)"));
            }
            else if (ControlCharacters() is { } problems)
            {
                refused(new RejectedRow(Line, null, "invalid", problems));
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each column of the current row whose text cannot be stored, with why, or null.</summary>
    private string? ControlCharacters()
    {
        var header = _csv.HeaderRecord!;
        var row = _csv.Parser.Record ?? [];
        var problems = header.Zip(row)
            .Select(c => StoredText.Problem(c.Second.AsSpan().Trim(), StoredText.IsFreeText(c.First.Trim())) is { } problem ? $"{c.First.Trim()} {problem}" : null)
            .OfType<string>()
            .ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>The trimmed value of a column, or null when the column is absent or the cell empty.</summary>
    public string? Field(string name) => _csv.TryGetField<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public void Dispose() => _csv.Dispose();
}
