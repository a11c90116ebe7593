using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>
/// What the earning specs share: rules saved and switched on through the admin API, baskets with brands, payment
/// methods and times, and the breakdown read back by rule. A test class shares one program, so every rule a test
/// switches on names something only that test uses (a category, sku, store, tag or event type of its own).
/// </summary>
public abstract class RuledApiSpec(TreuApp app) : ApiSpec(app)
{
    /// <summary>The program's time zone (the default program runs in Berlin).</summary>
    protected static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Saves a rule as a draft and switches it on; returns its id.</summary>
    protected async Task<string> Activate(object definition, string? id = null)
    {
        id ??= Unique("rule");
        await (await Admin.Post("/v1/admin/rules", new { id, definition })).Json(HttpStatusCode.Created);
        var activated = await (await Admin.Post($"/v1/admin/rules/{id}/activate", new { })).Json(HttpStatusCode.OK);
        Assert.Equal("active", (string?)activated["status"]);
        return id;
    }

    /// <summary>Saves a new version of a rule; returns the rule as the API answered.</summary>
    protected async Task<JsonNode> SaveVersion(string ruleId, object definition)
    {
        using var content = JsonContent.Create(new { definition });
        return await (await Admin.PutAsync($"/v1/admin/rules/{ruleId}", content, TestContext.Current.CancellationToken)).Json(HttpStatusCode.OK);
    }

    /// <summary>A purchase rule as a loyalty manager writes it.</summary>
    protected static object Rule(string name, object[] conditions, object[] effects, object? caps = null, string stacking = "stack", int priority = 0,
        string? group = null) =>
        new { name, conditions, effects, caps, stacking, priority, group };

    /// <summary>An event rule: a bonus for an action of the given type.</summary>
    protected static object EventRule(string eventType, long points, object? caps = null, object[]? conditions = null) =>
        new { name = $"Reward for {eventType}", trigger = "event", eventType, conditions = conditions ?? [], effects = new object[] { Bonus(points) }, caps };

    protected static object Category(string category) => new { type = "product", categories = new[] { category } };

    protected static object Sku(string sku) => new { type = "product", skus = new[] { sku } };

    protected static object Brand(string brand) => new { type = "product", brands = new[] { brand } };

    protected static object Store(string storeId) => new { type = "store", @in = new[] { storeId } };

    protected static object Bonus(long points, bool perMatchingItem = false) => new { type = "bonus", points, perMatchingItem };

    protected static object Multiplier(decimal factor) => new { type = "multiplier", factor };

    protected static object Rate(decimal rate, bool matchingLinesOnly = false, string rounding = "floor") =>
        new { type = "points_per_amount", rate, rounding, matchingLinesOnly };

    /// <summary>A basket line as a till sends it, brand included.</summary>
    protected static object Item(string sku, decimal quantity, decimal unitPrice, string? category = null, string? brand = null, decimal? discount = null) =>
        new { sku, name = $"Item {sku}", category, brand, quantity, unitPrice, discount };

    /// <summary>A purchase with a fresh receipt id, at a given time (UTC) and with payment methods when given.</summary>
    protected static object Receipt(string memberId, object[] lines, DateTime? occurredAt = null, string[]? paymentMethods = null, string? receipt = null) =>
        new { memberId, externalId = receipt ?? Unique("R"), currency = "EUR", occurredAt, paymentMethods, lines };

    /// <summary>Records a purchase and asserts it was accepted.</summary>
    protected static async Task<JsonNode> Buy(HttpClient till, object receipt) =>
        await (await till.Post("/v1/transactions", receipt)).Json(HttpStatusCode.Created);

    protected static async Task<JsonNode> Preview(HttpClient till, object receipt) =>
        await (await till.Post("/v1/transactions/preview", receipt)).Json(HttpStatusCode.OK);

    /// <summary>The breakdown's step for a rule, or null when the rule is not in it.</summary>
    protected static JsonNode? Step(JsonNode answer, string rule) =>
        answer["breakdown"]!.AsArray().SingleOrDefault(s => (string?)s!["rule"] == rule);

    /// <summary>What a rule gave, 0 when it is not in the breakdown.</summary>
    protected static long PointsOf(JsonNode answer, string rule) => Step(answer, rule)?.Long("points") ?? 0;

    /// <summary>Why a rule gave nothing (or less), as the breakdown says.</summary>
    protected static string? WhyNot(JsonNode answer, string rule)
    {
        var step = Step(answer, rule);
        Assert.NotNull(step);
        return (string?)step["notAppliedBecause"];
    }

    /// <summary>Asserts a preview lists the rule as not applied, for exactly this reason.</summary>
    protected static void AssertNotApplied(JsonNode preview, string rule, string because)
    {
        var step = Step(preview, rule);
        Assert.NotNull(step);
        Assert.False((bool)step["applied"]!);
        Assert.Equal(0, step.Long("points"));
        Assert.Equal(because, (string?)step["notAppliedBecause"]);
    }

    /// <summary>A rule's points per basket line, as "lineNo:points" pairs.</summary>
    protected static string[] LinesOf(JsonNode answer, string rule) =>
        Step(answer, rule)!["lines"]!.AsArray().Select(l => $"{l!.Long("lineNo")}:{l!.Long("points")}").ToArray();

    /// <summary>Each basket line's points, in line order.</summary>
    protected static long[] LinePoints(JsonNode answer) => answer["lines"]!.AsArray().Select(l => l!.Long("pointsEarned")).ToArray();

    /// <summary>Today in the program's time zone, by the test clock.</summary>
    protected DateOnly LocalToday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, Berlin));

    /// <summary>The last such weekday before <paramref name="day"/> (a week before, when it is one).</summary>
    protected static DateOnly LastBefore(DateOnly day, DayOfWeek weekday)
    {
        var back = ((int)day.DayOfWeek - (int)weekday + 7) % 7;
        return day.AddDays(-(back == 0 ? 7 : back));
    }

    /// <summary>A local time in Berlin on that day, as the UTC instant a till would send.</summary>
    protected static DateTime InBerlin(DateOnly day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified), Berlin);

    /// <summary>Enrols a member with a birth date.</summary>
    protected async Task<string> EnrolBornOn(DateOnly birthDate)
    {
        var response = await Admin.Post("/v1/members", new { email = $"{Unique("m")}@example.de", firstName = "Test", birthDate });
        return (string)(await response.Json(HttpStatusCode.Created))["id"]!;
    }

    /// <summary>Changes a member through the admin API (tags, attributes, birth date, status …).</summary>
    protected async Task<JsonNode> ChangeMember(string memberId, object patch) =>
        await (await Admin.Patch($"/v1/members/{memberId}", patch)).Json(HttpStatusCode.OK);
}
