using System.Text.Json;
using System.Text.Json.Serialization;

namespace Treu.Server.Hosting;

/// <summary>
/// Money in answers always has two decimal places, rounded half away from zero as a till rounds: <c>5.00</c>, not
/// <c>5</c>, <c>5.0</c> or <c>0.2764</c>. Put on the money of views only, never on requests: a request's hash, which
/// its retries are matched by, must not change with how it is written back.
/// </summary>
public sealed class MoneyJson : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    // A decimal keeps its scale when written, and a sum takes the larger scale of its terms: rounded to two places and
    // added to 0.00, every amount is written with exactly two.
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(decimal.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m);
}
