using Npgsql;
using Treu.Server.Storage;

namespace Treu.Api.Tests.Hosting;

/// <summary>An operator's PostgreSQL connection string gets the hot path's settings, unless it sets them itself.</summary>
public sealed class ConnectionDefaultsSpec
{
    [Fact]
    public void A_plain_connection_string_gets_prepared_statements_and_no_session_reset()
    {
        var built = new NpgsqlConnectionStringBuilder(StorageServices.WithHotPathDefaults("Host=db;Database=treu;Username=treu"));

        Assert.Equal(128, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.True(built.NoResetOnClose);
        Assert.Equal("db", built.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("host=db;max auto prepare=0;no reset on close=False")]
    public void The_operators_own_choice_stands_however_it_is_spelt(string connectionString)
    {
        var built = new NpgsqlConnectionStringBuilder(StorageServices.WithHotPathDefaults(connectionString));

        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
    }
}
