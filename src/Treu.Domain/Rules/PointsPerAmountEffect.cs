using System.ComponentModel.DataAnnotations;
using Treu.Domain.Programs;

namespace Treu.Domain.Rules;

/// <summary>Points per unit of currency, on the basket's eligible amount or only on the matching lines.</summary>
public sealed record PointsPerAmountEffect(
    [property: Range(0, 1000, MinimumIsExclusive = true)] decimal Rate,
    PointsRounding Rounding = PointsRounding.Floor,
    bool MatchingLinesOnly = false) : RuleEffect;
