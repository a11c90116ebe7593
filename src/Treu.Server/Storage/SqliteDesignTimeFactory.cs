using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Treu.Server.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteTreuDbContext</c> build the context without the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTreuDbContext>
{
    public SqliteTreuDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteTreuDbContext>();
        StorageServices.ConfigureSqlite(builder, "design-time.db");
        return new SqliteTreuDbContext(builder.Options);
    }
}
