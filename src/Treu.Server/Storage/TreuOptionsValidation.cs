using System.Globalization;
using Microsoft.Extensions.Options;

namespace Treu.Server.Storage;

/// <summary>
/// The rules <see cref="TreuOptions"/> must keep, each failure a sentence naming the setting as an operator writes it. The
/// upper bounds are far above any sensible value: they catch a typo (a zero too many) before it reaches the machine.
/// </summary>
public sealed class TreuOptionsValidation : IValidateOptions<TreuOptions>
{
    private const string Database = "Treu:Database:";
    private const string Jobs = "Treu:Jobs:";
    private const string Limits = "Treu:Limits:";
    private const string Sessions = "Treu:MemberSessions:";
    private const string Webhooks = "Treu:Webhooks:";

    public ValidateOptionsResult Validate(string? name, TreuOptions options)
    {
        var failures = new List<string>();
        var database = options.Database;
        if (database.IsPostgres && string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            failures.Add($"{Database}Provider is postgresql, but {Database}ConnectionString is empty: "
                + "set it to an Npgsql connection string (Host=…;Database=…;Username=…;Password=…).");
        }

        if (!database.IsPostgres && string.IsNullOrWhiteSpace(database.SqlitePath))
        {
            failures.Add($"{Database}SqlitePath is empty: name the SQLite file, or leave the setting out for {DatabaseOptions.DefaultSqlitePath}.");
        }

        Within(failures, Database + nameof(database.WriteLanes), database.WriteLanes, 1, 64);
        Within(failures, Database + nameof(database.MaxBatch), database.MaxBatch, 1, 1024);

        var jobs = options.Jobs;
        Within(failures, Jobs + nameof(jobs.Interval), jobs.Interval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Within(failures, Jobs + nameof(jobs.FiguresLag), jobs.FiguresLag, TimeSpan.Zero, TimeSpan.FromHours(1));
        Within(failures, Jobs + nameof(jobs.BatchSize), jobs.BatchSize, 1, 100_000);
        Within(failures, Jobs + nameof(jobs.Parallel), jobs.Parallel, 1, 16);

        var limits = options.Limits;
        Within(failures, Limits + nameof(limits.MaxRequestBodyBytes), limits.MaxRequestBodyBytes, 1024L, 1024L * 1024 * 1024);
        Within(failures, Limits + nameof(limits.MaxBasketLines), limits.MaxBasketLines, 1, 10_000);
        Within(failures, Limits + nameof(limits.MaxPageSize), limits.MaxPageSize, 1, 1_000);
        Within(failures, Limits + "Lookups:" + nameof(limits.Lookups.PerSecond), limits.Lookups.PerSecond, 1, 100_000);
        Within(failures, Limits + "Lookups:" + nameof(limits.Lookups.Burst), limits.Lookups.Burst, 1, 100_000);
        Within(failures, Limits + "CodeGuesses:" + nameof(limits.CodeGuesses.PerSecond), limits.CodeGuesses.PerSecond, 1, 100_000);
        Within(failures, Limits + "CodeGuesses:" + nameof(limits.CodeGuesses.Burst), limits.CodeGuesses.Burst, 1, 100_000);
        Within(failures, "Treu:Rewards:" + nameof(options.Rewards.ReservationMinutes), options.Rewards.ReservationMinutes, 1, 24 * 60);
        Within(failures, "Treu:Rewards:" + nameof(options.Rewards.MaxImageBytes), options.Rewards.MaxImageBytes, 1024, 16 * 1024 * 1024);
        Within(failures, "Treu:Rewards:" + nameof(options.Rewards.MaxImagePixels), options.Rewards.MaxImagePixels, 16, 16_384);
        Within(failures, Limits + "Concurrency:" + nameof(limits.Concurrency.Requests), limits.Concurrency.Requests, 1, 10_000);
        Within(failures, Limits + "Concurrency:" + nameof(limits.Concurrency.Queue), limits.Concurrency.Queue, 0, 100_000);

        var sessions = options.MemberSessions;
        Within(failures, Sessions + nameof(sessions.AccessTokenLifetime), sessions.AccessTokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        Within(failures, Sessions + nameof(sessions.RefreshTokenLifetime), sessions.RefreshTokenLifetime, TimeSpan.FromHours(1), TimeSpan.FromDays(400));
        Within(failures, Sessions + nameof(sessions.CodeLifetime), sessions.CodeLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        Within(failures, Sessions + nameof(sessions.CodeGuesses), sessions.CodeGuesses, 1, 10);
        Within(failures, Sessions + nameof(sessions.CodesPerHour), sessions.CodesPerHour, 1, 100);
        Within(failures, "Treu:Mail:" + nameof(options.Mail.Port), options.Mail.Port, 1, 65_535);
        if (options.Mail.Security is not ("auto" or "starttls" or "tls" or "none"))
        {
            failures.Add($"Treu:Mail:Security is '{options.Mail.Security}'; it must be auto, starttls, tls or none.");
        }
        var webhooks = options.Webhooks;
        Within(failures, Webhooks + nameof(webhooks.Interval), webhooks.Interval, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        Within(failures, Webhooks + nameof(webhooks.Timeout), webhooks.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Within(failures, Webhooks + nameof(webhooks.Concurrency), webhooks.Concurrency, 1, 1_000);

        var checkpoints = options.Checkpoints;
        Within(failures, "Treu:Checkpoints:" + nameof(checkpoints.Interval), checkpoints.Interval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(31));
        Within(failures, "Treu:Checkpoints:" + nameof(checkpoints.BatchSize), checkpoints.BatchSize, 1, 100_000);
        Within(failures, "Treu:Checkpoints:" + nameof(checkpoints.KeepHeads), checkpoints.KeepHeads, 1, 10_000);
        if (checkpoints.SigningKey is { Length: > 0 } signingKey && !IsKeySeed(signingKey))
        {
            failures.Add("Treu:Checkpoints:SigningKey must be base64 of 32 bytes (an Ed25519 private key seed).");
        }

        if (options.Bootstrap.AdminApiKey is { Length: > 0 and < 16 } key)
        {
            failures.Add($"Treu:Bootstrap:AdminApiKey has {key.Length} characters; an API key must have at least 16.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Within<T>(List<string> failures, string setting, T? value, T least, T most)
        where T : struct, IComparable<T>
    {
        if (value is { } given && (given.CompareTo(least) < 0 || given.CompareTo(most) > 0))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} is {given}; it must be from {least} to {most}."));
        }
    }

    private static bool IsKeySeed(string base64)
    {
        var bytes = new byte[33];
        return Convert.TryFromBase64String(base64.Trim(), bytes, out var written) && written == 32;
    }
}
