using System.Text.Json.Serialization;

namespace Treu.Domain.Rules;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ChannelCondition), "channel")]
[JsonDerivedType(typeof(StoreCondition), "store")]
[JsonDerivedType(typeof(TimeCondition), "time")]
[JsonDerivedType(typeof(TierCondition), "tier")]
[JsonDerivedType(typeof(SegmentCondition), "segment")]
[JsonDerivedType(typeof(BirthdayCondition), "birthday")]
[JsonDerivedType(typeof(AttributeCondition), "attribute")]
[JsonDerivedType(typeof(FirstPurchaseCondition), "first_purchase")]
[JsonDerivedType(typeof(BasketCondition), "basket")]
[JsonDerivedType(typeof(ProductCondition), "product")]
[JsonDerivedType(typeof(PaymentCondition), "payment")]
public abstract record RuleCondition;
