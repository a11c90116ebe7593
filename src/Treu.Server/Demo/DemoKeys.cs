using Treu.Domain.Programs;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Demo;

/// <summary>An admin key and a till key whose secrets everyone knows, so that the README's tour can be pasted as it is.</summary>
public sealed class DemoKeys(TreuDbContext db) : IDemoPart
{
    /// <summary>Public on purpose: they make the README's tour copy-and-paste. Set Treu:Demo:Seed=false in production.</summary>
    public const string AdminKey = "treu_demo_admin_key";
    public const string PosKey = "treu_demo_pos_key";

    public async Task SeedAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
    {
        await DatabaseStartup.EnsureKeyAsync(db, program.Id, AdminKey, "Demo admin key", Scopes.Admin, now, ct);
        await DatabaseStartup.EnsureKeyAsync(db, program.Id, PosKey, "Demo till", Scopes.Pos, now, ct);
    }
}
