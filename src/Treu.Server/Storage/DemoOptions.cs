namespace Treu.Server.Storage;

public sealed class DemoOptions
{
    /// <summary>Seed the "Demo Retail" program with public demo keys and members. Turn off in production.</summary>
    public bool Seed { get; set; } = true;
}
