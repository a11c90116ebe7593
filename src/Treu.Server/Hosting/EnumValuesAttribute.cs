using System.ComponentModel.DataAnnotations;

namespace Treu.Server.Hosting;

/// <summary>
/// The string values of an enum as the API writes them (snake_case), for a contract field that carries the enum as a
/// string: the OpenAPI document lists them as the field's <c>enum</c>, and they stay in step with the enum.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class EnumValuesAttribute(Type enumType) : AllowedValuesAttribute(Enum.GetNames(enumType).Select(Json.SnakeCase).ToArray<object?>());
