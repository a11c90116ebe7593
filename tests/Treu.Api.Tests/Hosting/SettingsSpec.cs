using Microsoft.Extensions.Configuration;
using Treu.Server.Storage;

namespace Treu.Api.Tests.Hosting;

/// <summary>The settings an operator gives are checked before anything starts; a wrong one is named with what would do.</summary>
public sealed class SettingsSpec
{
    private static IReadOnlyList<string> ProblemsWith(params (string Key, string Value)[] settings) =>
        SettingsCheck.Problems(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build());

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(ProblemsWith());
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_setting_and_the_providers_there_are()
    {
        var problem = Assert.Single(ProblemsWith(("Treu:Database:Provider", "oracle")));

        Assert.Contains("Treu:Database:Provider", problem);
        Assert.Contains("'oracle'", problem);
        Assert.Contains("sqlite or postgresql", problem);
    }

    [Theory]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("SQLite", DatabaseProvider.Sqlite)]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    [InlineData("PostgreSQL", DatabaseProvider.PostgreSql)]
    [InlineData("postgres", DatabaseProvider.PostgreSql)]
    public void The_documented_spellings_of_the_provider_are_accepted(string spelling, DatabaseProvider provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Treu:Database:Provider"] = spelling,
            ["Treu:Database:ConnectionString"] = "Host=db;Database=treu",
        }).Build();

        Assert.Empty(SettingsCheck.Problems(configuration));
        Assert.Equal(provider, configuration.GetSection(TreuOptions.Section).Get<TreuOptions>()!.Database.Provider);
    }

    [Fact]
    public void A_number_is_not_a_provider()
    {
        Assert.Contains("Treu:Database:Provider", Assert.Single(ProblemsWith(("Treu:Database:Provider", "1"))));
    }

    [Theory]
    [InlineData("postgresql", null)]
    [InlineData("postgres", "  ")]
    public void PostgreSQL_without_a_connection_string_is_refused(string provider, string? connectionString)
    {
        var settings = new List<(string, string)> { ("Treu:Database:Provider", provider) };
        if (connectionString is not null)
        {
            settings.Add(("Treu:Database:ConnectionString", connectionString));
        }

        var problem = Assert.Single(ProblemsWith([.. settings]));

        Assert.Contains("Treu:Database:ConnectionString is empty", problem);
    }

    [Theory]
    [InlineData("Treu:Database:WriteLanes", "0")]
    [InlineData("Treu:Database:WriteLanes", "65")]
    [InlineData("Treu:Database:MaxBatch", "0")]
    [InlineData("Treu:Jobs:BatchSize", "0")]
    [InlineData("Treu:Jobs:Parallel", "17")]
    [InlineData("Treu:Jobs:Interval", "00:00:00")]
    [InlineData("Treu:Limits:MaxPageSize", "0")]
    [InlineData("Treu:Limits:MaxRequestBodyBytes", "10")]
    [InlineData("Treu:Limits:Lookups:Burst", "0")]
    [InlineData("Treu:Limits:Concurrency:Queue", "-1")]
    public void A_value_out_of_its_range_is_refused_naming_the_setting_the_value_and_the_range(string setting, string value)
    {
        var problem = Assert.Single(ProblemsWith((setting, value)));

        Assert.StartsWith($"Treu cannot start: {setting} is {value}; it must be from ", problem);
    }

    [Fact]
    public void Every_wrong_setting_is_named_not_only_the_first()
    {
        var problems = ProblemsWith(("Treu:Database:WriteLanes", "0"), ("Treu:Limits:MaxBasketLines", "0"), ("Treu:Bootstrap:AdminApiKey", "too_short"));

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("Treu:Bootstrap:AdminApiKey has 9 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_refused_naming_the_setting()
    {
        var problem = Assert.Single(ProblemsWith(("Treu:Limits:MaxBasketLines", "many")));

        Assert.Contains("'many' at 'Treu:Limits:MaxBasketLines'", problem);
    }

    [Fact]
    public void The_limits_are_read_from_their_own_keys_into_the_one_settings_tree()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Treu:Limits:MaxBasketLines"] = "7",
            ["Treu:Limits:Concurrency:Queue"] = "0",
        }).Build();

        var limits = configuration.GetSection(TreuOptions.Section).Get<TreuOptions>()!.Limits;

        Assert.Equal(7, limits.MaxBasketLines);
        Assert.Equal(0, limits.Concurrency.Queue);
        Assert.Empty(SettingsCheck.Problems(configuration));
    }

    [Fact]
    public void The_SQLite_database_is_kept_in_the_users_data_folder_unless_told_otherwise()
    {
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);

        Assert.Equal(Path.Combine(data, "treu", "treu.db"), new TreuOptions().Database.SqlitePath);
    }
}
