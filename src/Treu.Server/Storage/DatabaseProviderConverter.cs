using System.ComponentModel;
using System.Globalization;

namespace Treu.Server.Storage;

/// <summary>
/// Reads <see cref="DatabaseProvider"/> from the settings in the spellings the README documents, in any case, and only
/// those: the enum's own parsing would refuse "postgres" and take any number ("7") as a provider.
/// </summary>
public sealed class DatabaseProviderConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) => value switch
    {
        string name => name.Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" => DatabaseProvider.PostgreSql,
            _ => throw new FormatException("Use sqlite or postgresql."),
        },
        _ => base.ConvertFrom(context, culture, value),
    };
}
