using System.ComponentModel.DataAnnotations;

namespace Treu.Domain.Rules;

public sealed record AttributeCondition([property: MaxLength(64)] string Name, [property: MaxLength(200)] string EqualTo) : RuleCondition;
