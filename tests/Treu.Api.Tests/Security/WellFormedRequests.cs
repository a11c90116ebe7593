using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Treu.Api.Tests.Security;

/// <summary>What a path parameter or an id in a body stands for.</summary>
public enum Target
{
    Member,
    OtherMember,
    Purchase,
    Rule,
    Campaign,
    ApiKey,
    Job,
    Reward,
    Coupon,

    /// <summary>A voucher or coupon code that any member may use once.</summary>
    Voucher,
    Staff,

    /// <summary>The program a request without a key names (a member asking for a sign-in code).</summary>
    Program,

    /// <summary>A refresh token of a member session that no request has used yet.</summary>
    RefreshToken,
    Webhook,
    WebhookDelivery,
    MessageTemplate,

    /// <summary>A completed ledger checkpoint.</summary>
    Checkpoint,
}

/// <summary>A request as it goes on the wire.</summary>
public sealed record WireRequest(string Method, string Url, string? Body)
{
    public override string ToString() => $"{Method} {Url}{(Body is null ? "" : "\n" + (Body.Length > 2000 ? Body[..2000] + $"… ({Body.Length} chars)" : Body))}";
}

/// <summary>
/// Turns an endpoint's route and its API reference example into a request the endpoint accepts: ids of things that
/// exist, fresh e-mail addresses, receipts and rule ids, and no date the test clock calls the future.
/// </summary>
public sealed partial class WellFormedRequests(Random random, Func<Target, Task<string>> resolve)
{
    private int _serial;

    [GeneratedRegex(@"\{([A-Za-z]+)\??\}")]
    private static partial Regex PathParameter();

    public async Task<string> PathAsync(string route)
    {
        var path = route;
        foreach (Match match in PathParameter().Matches(route))
        {
            var value = match.Groups[1].Value switch
            {
                "documentName" => "v1",
                "name" => "expiry",
                "rewardId" => Uri.EscapeDataString(await resolve(Target.Reward)),
                "code" => Uri.EscapeDataString(await resolve(Target.Voucher)),
                _ => Uri.EscapeDataString(await resolve(TargetOf(route))),
            };
            path = path.Replace(match.Value, value, StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>The names of a route's parameters: <c>id</c> for <c>/v1/members/{id}</c>.</summary>
    public static IEnumerable<string> PathParameters(string route) => PathParameter().Matches(route).Select(m => m.Groups[1].Value);

    public static Target TargetOf(string route) => route switch
    {
        _ when route.StartsWith("/v1/members/", StringComparison.Ordinal) => Target.Member,
        _ when route.StartsWith("/v1/transactions/", StringComparison.Ordinal) => Target.Purchase,
        _ when route.StartsWith("/v1/admin/rules/", StringComparison.Ordinal) => Target.Rule,
        _ when route.StartsWith("/v1/admin/campaigns/", StringComparison.Ordinal) => Target.Campaign,
        _ when route.StartsWith("/v1/admin/api-keys/", StringComparison.Ordinal) => Target.ApiKey,
        _ when route.StartsWith("/v1/admin/jobs/", StringComparison.Ordinal) => Target.Job,
        _ when route.StartsWith("/v1/admin/rewards/", StringComparison.Ordinal) || route.StartsWith("/v1/rewards/", StringComparison.Ordinal) => Target.Reward,
        _ when route.StartsWith("/v1/admin/coupons/", StringComparison.Ordinal) => Target.Coupon,
        _ when route.StartsWith("/v1/vouchers/", StringComparison.Ordinal) => Target.Voucher,
        _ when route.StartsWith("/v1/admin/staff/", StringComparison.Ordinal) => Target.Staff,
        _ when route.StartsWith("/v1/admin/webhooks/", StringComparison.Ordinal) => Target.Webhook,
        _ when route.StartsWith("/v1/admin/webhook-deliveries/", StringComparison.Ordinal) => Target.WebhookDelivery,
        _ when route.StartsWith("/v1/admin/message-templates/", StringComparison.Ordinal) => Target.MessageTemplate,
        _ when route.StartsWith("/v1/admin/ledger/checkpoints/", StringComparison.Ordinal) => Target.Checkpoint,
        _ => throw new InvalidOperationException($"No well-formed value known for the parameters of {route}: teach {nameof(WellFormedRequests)}."),
    };

    /// <summary>The query string a look-up needs; empty for every other endpoint.</summary>
    public static string Query(string route, string email) => route == "/v1/members/lookup" ? $"?email={Uri.EscapeDataString(email)}" : "";

    public async Task<JsonNode?> BodyAsync(JsonNode? example)
    {
        if (example is null)
        {
            return null;
        }

        var body = example.DeepClone();
        await FillAsync(body);
        return body;
    }

    private string Fresh(string prefix) => $"{prefix}{Interlocked.Increment(ref _serial)}x{random.Next(1_000_000, 9_999_999)}";

    private async Task FillAsync(JsonNode node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array.OfType<JsonNode>())
            {
                await FillAsync(item);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            switch (name)
            {
                case "email":
                    obj[name] = Fresh("fz") + "@example.de";
                    break;
                case "phone":
                    obj[name] = "+49170" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture)
                        + (Interlocked.Increment(ref _serial) % 1000).ToString("000", CultureInfo.InvariantCulture);
                    break;
                case "cards" or "addCards":
                    obj[name] = new JsonArray(Fresh("FZ"));
                    break;
                case "externalId":
                    obj[name] = Fresh("R-");
                    break;
                case "id":
                    obj[name] = Fresh("fz_");
                    break;
                case "tiers":
                    // A ladder's tier ids are what the other examples name (a manual tier of "gold"): they stay as they are.
                    break;
                case "occurredAt" or "storeId" or "removeCards":
                    obj.Remove(name);
                    break;
                case "memberId" or "fromMemberId":
                    obj[name] = await resolve(Target.Member);
                    break;
                case "memberIds":
                    obj[name] = new JsonArray(await resolve(Target.Member));
                    break;
                case "code":
                    obj[name] = await resolve(Target.Voucher);
                    break;
                case "publicCode":
                    obj[name] = Fresh("FZ").ToUpperInvariant();
                    break;
                case "toMemberId":
                    obj[name] = await resolve(Target.OtherMember);
                    break;
                case "programId":
                    obj[name] = await resolve(Target.Program);
                    break;
                case "refreshToken":
                    obj[name] = await resolve(Target.RefreshToken);
                    break;
                default:
                    if (obj[name] is { } child)
                    {
                        await FillAsync(child);
                    }

                    break;
            }
        }
    }
}
