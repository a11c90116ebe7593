using System.ComponentModel;

namespace Treu.Server.Storage;

/// <summary>The database Treu keeps its data in: <c>Treu:Database:Provider</c>, spelt <c>sqlite</c>, <c>postgresql</c> or <c>postgres</c>.</summary>
[TypeConverter(typeof(DatabaseProviderConverter))]
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
