using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Treu.Api.Tests.Security;

/// <summary>A generated request: which key sends it, and what it is.</summary>
/// <param name="RefusedField">When set, the answer must be a 400 whose <c>errors</c> name this field.</param>
public sealed record HostileRequest(int Index, string Key, string Mutation, WireRequest Wire, string? ContentType, string? IdempotencyKey, string? RefusedField = null);

/// <summary>
/// Turns a well-formed request into a hostile one, the same way every time for the same seed: malformed JSON, wrong
/// types, missing and extra fields, huge strings and arrays, out-of-range numbers, unknown currencies, odd Unicode,
/// injection strings, foreign ids and wrong keys.
/// </summary>
public sealed class HostileRequests(SecurityWorld world, Random random)
{
    private static readonly string[] Strings =
    [
        "", " ", "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83dy", "\u202eevil\u202c", "مرحبا", "😀🎉👨‍👩‍👧", "e\u0301\u0301\u0301", "\u200b\u200d\ufeff",
        "' OR 1=1 --", "'; DROP TABLE members; --", "\" OR \"\"=\"", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x/a}", "../../etc/passwd",
        "%00", "%s%s%s%n", "\\", "null", "NaN", "-1", "1e400", "true", "[]", "{}", "EUR", "XXX", "eur", "€", "ZZZ",
        "2026-13-45T99:99:99Z", "0000-00-00", "9999-12-31T23:59:59Z", "+4917012345678901234567890", "not-an-email@", "@@",
    ];

    private static readonly string[] Numbers =
    [
        "-1", "0", "-0", "0.5", "-0.0000001", "1e308", "-1e308", "1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "79228162514264337593543950336", "1.0000000000000000000000000001", "2147483648", "-2147483649", "100000000000", "0.001",
    ];

    private static readonly string[] Currencies = ["XXX", "ZZZ", "eur", "EURO", "", "€", "US$", "123", "E\u0000R", "ÉUR"];

    private static readonly string[] NotObjects = ["", "null", "[]", "\"text\"", "42", "true", "{", "}", "{\"a\":}", "{\"a\" 1}"];
    private static readonly int[] HugeLengths = [10, 300, 5000, 200_000];
    private static readonly string[] PathSuffixes = ["/", "/x", "%2F..%2F", "?", "/%2500"];
    private static readonly string[] OddIdempotencyKeys = ["", " ", "ключ", "a b", "\t"];

    private int _serial;

    public HostileRequest Next(int index, Operation operation, string baselinePath, JsonNode? baselineBody)
    {
        var key = PickKey();
        var path = baselinePath;
        var body = baselineBody?.ToJsonString();
        string? contentType = body is null ? null : "application/json";
        string? idempotency = random.Next(4) == 0 ? $"fz-{index}-{random.Next()}" : null;
        var query = "";
        var mutation = random.Next(14) switch
        {
            0 or 1 when body is not null => Malformed(ref body),
            2 or 3 when baselineBody is not null => MutateTree(baselineBody, out body),
            4 => ForeignPath(operation, ref path),
            5 => HostilePath(operation, ref path),
            6 => HostileQuery(operation, ref query),
            7 when body is not null => WrongContentType(ref contentType),
            8 => HostileIdempotencyKey(ref idempotency),
            9 => "well-formed",
            _ when baselineBody is not null => MutateTree(baselineBody, out body),
            _ => HostileQuery(operation, ref query),
        };

        if (operation.Path == "/v1/members/lookup" && query == "")
        {
            query = LookupQuery();
        }

        return new HostileRequest(index, key, mutation, new WireRequest(operation.Method, path + query, body), contentType, idempotency);
    }

    private string PickKey() => random.Next(20) switch
    {
        0 => "none",
        1 => "garbage",
        2 => "other-program",
        3 => "malformed-header",
        4 or 5 => "pos@store-a",
        6 or 7 => "pos",
        8 or 9 => "ecommerce",
        10 or 11 => "app",
        _ => "admin",
    };

    private string Malformed(ref string? body)
    {
        var text = body ?? "{}";
        switch (random.Next(8))
        {
            case 0:
                body = text[..random.Next(text.Length)];
                return "truncated JSON";
            case 1:
                var at = random.Next(text.Length);
                body = text[..at] + "\",}]{[:\\"[random.Next(8)] + text[at..];
                return "stray character";
            case 2:
                body = NotObjects[random.Next(NotObjects.Length)];
                return "not an object";
            case 3:
                body = new string('[', 5000) + new string(']', 5000);
                return "deep nesting";
            case 4:
                body = "{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
                return "body over the size limit";
            case 5:
                body = text.Replace(":", ": /* comment */ ", StringComparison.Ordinal);
                return "comments in JSON";
            case 6:
                body = Encoding.Latin1.GetString([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]) + text;
                return "invalid UTF-8";
            default:
                body = text.TrimEnd('}') + ",\"memberId\":\"dup\",\"memberId\":\"dup2\"}";
                return "duplicate properties";
        }
    }

    private string MutateTree(JsonNode baseline, out string? body)
    {
        var root = baseline.DeepClone();
        var description = new StringBuilder();
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            description.Append(MutateOnce(root)).Append("; ");
        }

        body = root.ToJsonString();
        return description.ToString().TrimEnd(' ', ';');
    }

    private string MutateOnce(JsonNode root)
    {
        var (parent, name, index) = PickSlot(root);
        JsonNode? replacement;
        string what;
        switch (random.Next(11))
        {
            case 0:
                if (name is not null && parent is JsonObject removeFrom)
                {
                    removeFrom.Remove(name);
                    return $"removed {name}";
                }

                replacement = null;
                what = "null";
                break;
            case 1:
                if ((parent as JsonObject ?? root as JsonObject) is { } addTo)
                {
                    addTo[$"unexpected{random.Next(100)}"] = "extra";
                    return "extra field";
                }

                replacement = null;
                what = "null";
                break;
            case 2:
                replacement = JsonNode.Parse(Numbers[random.Next(Numbers.Length)]);
                what = $"number {replacement!.ToJsonString()}";
                break;
            case 3:
                replacement = JsonValue.Create(Strings[random.Next(Strings.Length)]);
                what = $"string {replacement!.ToJsonString()}";
                break;
            case 4:
                replacement = JsonValue.Create(new string("aé€\u0000"[random.Next(4)], HugeLengths[random.Next(HugeLengths.Length)]));
                what = "huge string";
                break;
            case 5:
                var huge = new JsonArray();
                var count = new[] { 11, 51, 501, 10_000 }[random.Next(4)];
                var item = parent is JsonArray siblings && siblings.Count > 0 ? siblings[0]?.DeepClone() : JsonValue.Create("x");
                for (var i = 0; i < count; i++)
                {
                    huge.Add(item?.DeepClone());
                }

                replacement = huge;
                what = $"array of {count}";
                break;
            case 6:
                replacement = new[] { JsonValue.Create(true), (JsonNode)new JsonObject(), new JsonArray(), JsonValue.Create(0) }[random.Next(4)];
                what = $"wrong type {replacement.ToJsonString()}";
                break;
            case 7:
                if (root is JsonObject withCurrency)
                {
                    withCurrency["currency"] = Currencies[random.Next(Currencies.Length)];
                    return $"currency {withCurrency["currency"]!.ToJsonString()}";
                }

                replacement = null;
                what = "null";
                break;
            case 8:
                replacement = JsonValue.Create(ForeignId());
                what = $"foreign id {replacement.ToJsonString()}";
                break;
            case 9:
                replacement = JsonValue.Create(random.Next(2) == 0 ? long.MinValue : long.MaxValue);
                what = $"extreme {replacement.ToJsonString()}";
                break;
            default:
                replacement = null;
                what = "null";
                break;
        }

        Set(parent, name, index, replacement);
        return $"{name ?? $"[{index}]"} = {what}";
    }

    /// <summary>A random place in the tree: an object's field or an array's item.</summary>
    private (JsonNode Parent, string? Name, int Index) PickSlot(JsonNode root)
    {
        var slots = new List<(JsonNode, string?, int)>();
        void Walk(JsonNode node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, child) in obj.ToList())
                {
                    slots.Add((obj, name, -1));
                    if (child is not null)
                    {
                        Walk(child);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    if (array[i] is { } child)
                    {
                        Walk(child);
                    }
                }
            }
        }

        Walk(root);
        return slots.Count == 0 ? (root, null, -1) : slots[random.Next(slots.Count)];
    }

    private static void Set(JsonNode parent, string? name, int index, JsonNode? value)
    {
        if (parent is JsonObject obj && name is not null)
        {
            obj[name] = value;
        }
        else if (parent is JsonArray array && index >= 0)
        {
            array[index] = value;
        }
    }

    private string ForeignId() => random.Next(5) switch
    {
        0 => world.OtherMember,
        1 => world.OtherPurchase,
        2 => world.StoreBPurchase,
        3 => world.Members[random.Next(world.Members.Length)],
        _ => "mbr_" + random.Next().ToString(CultureInfo.InvariantCulture),
    };

    private string ForeignPath(Operation operation, ref string path)
    {
        if (!operation.Path.Contains('{'))
        {
            return "well-formed";
        }

        var id = WellFormedRequests.TargetOf(operation.Path) switch
        {
            Target.Member => random.Next(2) == 0 ? world.OtherMember : world.Members[random.Next(world.Members.Length)],
            Target.Purchase => random.Next(2) == 0 ? world.OtherPurchase : world.StoreBPurchase,
            _ => ForeignId(),
        };
        path = Replace(operation.Path, id);
        return $"foreign id {id} in the path";
    }

    private string HostilePath(Operation operation, ref string path)
    {
        if (!operation.Path.Contains('{'))
        {
            path += PathSuffixes[random.Next(PathSuffixes.Length)];
            return "suffixed path";
        }

        // A NUL in the path never reaches the app: the in-memory test server, like Kestrel, refuses it first.
        var value = random.Next(3) == 0 ? new string('9', 10_000) : Strings[random.Next(Strings.Length)].Replace("\0", "0", StringComparison.Ordinal);
        path = Replace(operation.Path, Uri.EscapeDataString(value));
        return $"hostile id {value[..Math.Min(40, value.Length)]}";
    }

    private static string Replace(string route, string value)
    {
        var start = route.IndexOf('{', StringComparison.Ordinal);
        var end = route.IndexOf('}', start);
        return route[..start] + value + route[(end + 1)..];
    }

    private string HostileQuery(Operation operation, ref string query)
    {
        var names = operation.QueryParameters.Length > 0 ? operation.QueryParameters : ["limit"];
        var parts = new List<string>();
        var count = 1 + random.Next(Math.Min(3, names.Length + 1));
        for (var i = 0; i < count; i++)
        {
            var value = random.Next(2) == 0 ? Numbers[random.Next(Numbers.Length)] : Strings[random.Next(Strings.Length)];
            parts.Add($"{names[random.Next(names.Length)]}={Uri.EscapeDataString(value)}");
        }

        query = "?" + string.Join("&", parts);
        return $"query {query}";
    }

    private string LookupQuery() => random.Next(3) switch
    {
        0 => $"?email={Uri.EscapeDataString(world.MemberEmails[random.Next(world.MemberEmails.Length)])}",
        1 => $"?number={random.Next(100_000_000, 999_999_999)}{random.Next(10)}",
        _ => $"?card=FZ{random.Next()}",
    };

    private static string WrongContentType(ref string? contentType)
    {
        contentType = "text/plain";
        return "content type text/plain";
    }

    private string HostileIdempotencyKey(ref string? key)
    {
        key = random.Next(8) == 0 ? new string('k', 300) : random.Next(2) == 0 ? $"fz-replayed-{_serial++ % 3}" : OddIdempotencyKeys[random.Next(OddIdempotencyKeys.Length)];
        return $"Idempotency-Key {key[..Math.Min(20, key.Length)]}";
    }
}
