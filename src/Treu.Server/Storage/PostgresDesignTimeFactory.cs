using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Treu.Server.Storage;

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTreuDbContext>
{
    public PostgresTreuDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresTreuDbContext>();
        StorageServices.ConfigurePostgres(builder, "Host=localhost;Database=treu_design");
        return new PostgresTreuDbContext(builder.Options);
    }
}
