using System.Text.Json.Serialization;

namespace Treu.Domain.Rules;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(PointsPerAmountEffect), "points_per_amount")]
[JsonDerivedType(typeof(MultiplierEffect), "multiplier")]
[JsonDerivedType(typeof(BonusEffect), "bonus")]
[JsonDerivedType(typeof(CashbackEffect), "cashback")]
public abstract record RuleEffect;
