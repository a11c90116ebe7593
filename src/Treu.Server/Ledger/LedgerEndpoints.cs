using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Ledger;

public static class LedgerEndpoints
{
    public const int DefaultPageSize = 25;

    public static void MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/v1/members/{id}").WithTags("Points");
        members.MapGet("/balance", Balance).WithName("getMemberBalance").RequireScopesOrTheMember(Scopes.All).AccessForAll(200, member: 404)
            .WithSummary("Available and pending points, what expires in the next 30 days, lifetime earned and spent")
            .Produces<BalanceDetails>().WithResponseExample(200, Examples.Balance);

        members.MapGet("/ledger", History).WithName("listLedgerEntries").RequireScopesOrTheMember(Scopes.All).AccessForAll(200, member: 404)
            .WithSummary("The member's ledger entries, newest first")
            .WithDescription($"Cursor-paginated: pass nextCursor back as cursor. limit: 1 to Treu:Limits:MaxPageSize (default 100), default {DefaultPageSize}.")
            .Produces<LedgerPage>().WithResponseExample(200, Examples.LedgerPage);

        members.MapPost("/adjustments", Adjust).WithName("adjustPoints").RequireScopes(Scopes.Admin).AccessForAdmin(201).Idempotent()
            .WithSummary("Credit or debit points by hand, with a reason (admin)")
            .Produces<AdjustmentView>(201).WithRequestExample(Examples.Adjustment).WithResponseExample(201, Examples.AdjustmentResult);

        app.MapPost("/v1/transfers", Transfer)
            .WithName("transferPoints")
            .WithTags("Points")
            .RequireScopesOrTheMemberInTheBody(Scopes.App, Scopes.Admin)
            .Access(pos: 403, ecommerce: 403, app: 201, admin: 201, member: 404)
            .Idempotent()
            .WithSummary("Move points from one member to another, both sides in one atomic step")
            .WithDescription("The points keep the expiry dates they had. Send an Idempotency-Key to make retries safe.")
            .Produces<TransferView>(201)
            .WithRequestExample(Examples.Transfer)
            .WithResponseExample(201, Examples.TransferResult);

        app.MapGet("/v1/admin/ledger/verify", Verify).WithName("verifyLedger").WithTags("Operations").RequireScopes(Scopes.Admin).AccessForAdmin(200)
            .WithSummary("Recompute every balance and hash chain from the entries and report any mismatch")
            .Produces<VerificationReport>().WithResponseExample(200, Examples.Verification);
    }

    private static async Task<Results<Ok<BalanceDetails>, ProblemHttpResult>> Balance(
        string id, HttpContext http, TreuDbContext db, ProgramSettings programs, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var horizon = clock.GetUtcNow().UtcDateTime.AddDays(30);
        // One round trip: the member's cached balance and the lots that expire within 30 days.
        var member = await db.Members.AsNoTracking().Where(m => m.ProgramId == caller.ProgramId && m.Id == id)
            .Select(m => new
            {
                m.Id,
                m.Available,
                m.Pending,
                m.LifetimeEarned,
                m.LifetimeSpent,
                Expiring = db.Lots.Where(l => l.MemberId == m.Id && l.State == LotState.Available && l.Remaining > 0 && l.ExpiresAt != null && l.ExpiresAt <= horizon)
                    .Select(l => new { l.Id, l.ExpiresAt, l.Remaining }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (member is null)
        {
            return Problems.For(MemberErrors.NoSuchMember(id));
        }

        var program = await programs.GetAsync(caller.ProgramId, ct);
        var expiring = member.Expiring
            .GroupBy(l => DateOnly.FromDateTime(l.ExpiresAt!.Value))
            .OrderBy(g => g.Key)
            .Select(g => new ExpiringPoints(g.Key, g.Sum(l => l.Remaining)))
            .ToList();
        return TypedResults.Ok(new BalanceDetails(member.Id, member.Available, member.Pending, expiring.Sum(e => e.Points), expiring,
            member.LifetimeEarned, member.LifetimeSpent, program.PointsName, Math.Max(member.Available, 0) * program.PointValue, program.Currency));
    }

    private static async Task<Results<Ok<LedgerPage>, ProblemHttpResult>> History(
        string id, HttpContext http, TreuDbContext db, IOptions<LimitOptions> limits, string? cursor, int? limit, CancellationToken ct)
    {
        var caller = http.Caller();
        var max = limits.Value.MaxPageSize;
        var size = limit ?? Math.Min(DefaultPageSize, max);
        if (size < 1 || size > max)
        {
            return Problems.For(CommonErrors.InvalidField("limit", $"must be between 1 and {max}"));
        }

        long before = long.MaxValue;
        if (cursor is not null && !TryReadCursor(cursor, out before))
        {
            return Problems.For(CommonErrors.ValidationFailed.With("cursor is not one this API handed out.") with
            {
                Errors = new Dictionary<string, string[]> { ["cursor"] = ["is invalid"] },
            });
        }

        if (!await db.Members.AnyAsync(m => m.ProgramId == caller.ProgramId && m.Id == id, ct))
        {
            return Problems.For(MemberErrors.NoSuchMember(id));
        }

        var page = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.MemberId == id && e.Seq < before)
            .OrderByDescending(e => e.Seq).Take(size + 1).ToListAsync(ct);
        var next = page.Count > size ? Cursor(page[size - 1].Seq) : null;
        return TypedResults.Ok(new LedgerPage(page.Take(size).Select(LedgerEntryView.From).ToList(), next));
    }

    private static async Task<Results<KeptCreated<AdjustmentView>, ProblemHttpResult>> Adjust(string id, AdjustmentRequest body, HttpContext http, AdjustPoints adjust,
        IdempotentWrites writes)
    {
        var order = await adjust.CheckAsync(http.Caller(), id, body, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.CreateSharedAsync(http, new { id, body }, [], CommitGroup.ForMember(id), ct => adjust.RunAsync(order.Value, ct));
    }

    /// <summary>Two members at once cannot share a member's commit lane: a transfer runs in a transaction of its own.</summary>
    private static async Task<Results<KeptCreated<TransferView>, ProblemHttpResult>> Transfer(TransferRequest body, HttpContext http, TransferPoints transfer,
        IdempotentWrites writes)
    {
        var order = await transfer.CheckAsync(http.Caller(), body, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.CreateAsync(http, body, [], ct => transfer.RunAsync(order.Value, ct));
    }

    private static async Task<Ok<VerificationReport>> Verify(HttpContext http, LedgerAudit audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.VerifyAsync(http.Caller().ProgramId, ct));

    private static string Cursor(long seq) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"seq:{seq}")).TrimEnd('=');

    private static bool TryReadCursor(string cursor, out long seq)
    {
        seq = 0;
        try
        {
            var padded = cursor.PadRight(cursor.Length + (4 - cursor.Length % 4) % 4, '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("seq:", StringComparison.Ordinal) && long.TryParse(text[4..], out seq) && seq > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
