using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using Treu.Server.Hosting;

namespace Treu.Server.Staff;

/// <summary>
/// Staff accounts for automation: the bootstrap admin key creates the first owner here; owners otherwise manage people in
/// the console, through the same use cases.
/// </summary>
public static class StaffEndpoints
{
    public static void MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/v1/admin/staff").WithTags("Staff accounts").RequireScopes(Scopes.Admin);

        staff.MapPost("", Add).WithName("addStaffAccount").AccessForAdmin(201).Idempotent()
            .WithSummary("Give a person an account for the console or the cashier screen, in one role")
            .WithDescription("Roles: owner, manager, analyst, support, cashier (with the store they work in). Without a password one is made and shown once, in the answer.")
            .Produces<StaffCreatedView>(201).WithRequestExample(Examples.AddStaff).WithResponseExample(201, Examples.StaffCreated);

        staff.MapGet("", List).WithName("listStaffAccounts").AccessForAdmin(200).WithSummary("List the staff accounts (never their passwords)")
            .Produces<StaffView[]>().WithResponseExample(200, Examples.StaffList);

        staff.MapPatch("/{id}", Change).WithName("changeStaffAccount").AccessForAdmin(200).Idempotent()
            .WithSummary("Change a staff account: name, role, store; switch off; unlock; new password; sign out everywhere")
            .WithDescription("A change of role, store, password or status, and signOutEverywhere, end the person's sessions on every device. A program keeps one owner at least.")
            .Produces<StaffView>().WithRequestExample(Examples.ChangeStaff).WithResponseExample(200, Examples.Staff);
    }

    private static async Task<Results<KeptCreated<StaffCreatedView>, ProblemHttpResult>> Add(AddStaffRequest body, HttpContext http, AddStaffAccount add, IdempotentWrites writes)
    {
        var order = add.Check(http.Caller(), body);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.CreateAsync(http, body with { Password = null }, [], ct => add.RunAsync(order.Value, ct));
    }

    private static async Task<Ok<IReadOnlyList<StaffView>>> List(HttpContext http, StaffDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.ListAsync(http.Caller().ProgramId, ct));

    private static async Task<Results<KeptOk<StaffView>, ProblemHttpResult>> Change(string id, ChangeStaffRequest body, HttpContext http, ChangeStaffAccount change,
        IdempotentWrites writes, IMemoryCache cache)
    {
        var order = change.Check(http.Caller(), id, body);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        var answer = await writes.ChangeAsync(http, new { id, body = body with { Password = null }, passwordChanged = body.Password is not null }, [],
            ct => change.RunAsync(order.Value, ct));
        StaffSessions.Forget(cache, id);
        return answer;
    }
}
