using Treu.Domain.Programs;

namespace Treu.Server.Demo;

/// <summary>One part of the demo program: keys, rules, members, their history …</summary>
/// <remarks>
/// A part runs on every start, so it seeds what it owns only when that is missing and otherwise does nothing: a restart
/// seeds nothing twice, and a database from before the part existed gets it on its next start.
/// </remarks>
public interface IDemoPart
{
    Task SeedAsync(LoyaltyProgram program, DateTime now, CancellationToken ct);
}
