namespace Treu.Domain.Tiers;

/// <summary>A member's tier changed: from (the base tier for a member who had none yet) to, and the qualifying value it was decided on.</summary>
public sealed record TierMove(string From, string To, TierDirection Direction, decimal Qualifying);
