using Spectre.Console;
using Treu.Server.Hosting;
using Treu.Server.Staff;
using Treu.Server.Storage;

namespace Treu.Server.Cli;

/// <summary>
/// <c>treu users add</c>: a staff account from the command line, through the same use case as the staff API — how the first
/// owner of a deployment gets in without an admin key.
/// </summary>
public static class UserCommands
{
    public const string Usage = "Usage: [bold]treu users add --email <address> --name <display name> --role <role>[/] [[--store <id>]] [[--password <p>]] [[--program <id>]]";

    public static async Task<int> AddAsync(IServiceProvider services, string[] args, IAnsiConsole console)
    {
        var (email, name, role) = (Commands.Option(args, "--email"), Commands.Option(args, "--name"), Commands.Option(args, "--role"));
        if (email is null || name is null || role is null)
        {
            console.MarkupLine(Usage);
            return 2;
        }

        if (await ImportCommands.PrepareAsync(services, Commands.Option(args, "--program"), console) is not { } programId)
        {
            return 2;
        }

        // The operator at the machine acts as the program's administrator; the audit trail names their login at the command line.
        var caller = new Caller("cli", programId, Scopes.Admin, null) { Operator = $"{Environment.UserName}@{Environment.MachineName}" };
        var add = services.GetRequiredService<AddStaffAccount>();
        var order = add.Check(caller, new AddStaffRequest(email, name, role, Commands.Option(args, "--store"), Commands.Option(args, "--password")));
        var created = order.Failure ?? (await services.GetRequiredService<WriteTransaction>()
            .RunAloneAsync(ct => add.RunAsync(order.Value, ct), r => r.Succeeded, CancellationToken.None)).Failure;
        if (created is { } refused)
        {
            var messages = refused.Errors is { Count: > 0 } fields ? fields.SelectMany(f => f.Value.Select(m => $"{f.Key} {m}")) : [refused.Message];
            foreach (var message in messages)
            {
                console.MarkupLine($"[red]{Markup.Escape(message)}[/]");
            }

            return 1;
        }

        console.MarkupLine($"Created [bold]{Markup.Escape(order.Value.Email)}[/] as {Markup.Escape(order.Value.Role)} in program {Markup.Escape(programId)}.");
        if (order.Value.Generated)
        {
            console.MarkupLine($"Password (shown this once): [bold]{Markup.Escape(order.Value.Password)}[/]");
        }

        return 0;
    }
}
