namespace Treu.Domain.Rules;

public sealed record LinePoints(int LineNo, long Points);
