using Treu.Domain.Tiers;

namespace Treu.Server.Tiers;

/// <summary>A program's ladder in force: its version and when and by whom it was saved.</summary>
public sealed record ProgramLadder(int Version, TierLadder Ladder, DateTime CreatedAt, string CreatedBy);
