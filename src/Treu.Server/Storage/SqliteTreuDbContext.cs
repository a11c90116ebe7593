using Microsoft.EntityFrameworkCore;

using Treu.Server.Storage.Dialects;

namespace Treu.Server.Storage;

public sealed class SqliteTreuDbContext(DbContextOptions<SqliteTreuDbContext> options) : TreuDbContext(options)
{
    public override bool IsPostgres => false;

    public override StorageDialect Dialect => SqliteDialect.Instance;

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        // SQLite keeps no time zone: everything stored is UTC, so say so when reading it back.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
