namespace Treu.Server.Import;

/// <summary>Counts rejected rows by code and passes each on to whoever writes the report.</summary>
public sealed class Rejections(Action<RejectedRow> report)
{
    private readonly Dictionary<string, long> _byCode = new(StringComparer.Ordinal);

    public long Count { get; private set; }

    public IReadOnlyDictionary<string, long> ByCode => _byCode;

    public void Add(RejectedRow row)
    {
        Count++;
        _byCode[row.Code] = _byCode.GetValueOrDefault(row.Code) + 1;
        report(row);
    }
}
