using Treu.Domain.Programs;

namespace Treu.Server.Demo;

/// <summary>Seeds the demo program (Treu:Demo:Seed, on by default), part after part.</summary>
public sealed class DemoSeeding(IServiceProvider services)
{
    // To add a part (tiers, rewards, stamp cards, messages …): write a class in this folder that implements IDemoPart,
    // taking what it needs in its constructor (the scope's services), and name it here after the parts it builds on.
    private static readonly Type[] Parts =
    [
        typeof(DemoKeys),
        typeof(DemoStaff),
        typeof(DemoRules),
        typeof(DemoTiers),
        typeof(DemoMembers),
        typeof(DemoHistory),
        typeof(DemoRewards),
    ];

    public async Task RunAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
    {
        foreach (var type in Parts)
        {
            var part = (IDemoPart)ActivatorUtilities.CreateInstance(services, type);
            await part.SeedAsync(program, now, ct);
        }
    }
}
