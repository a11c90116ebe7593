using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Members;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Ledger;

public static class LedgerEndpoints
{
    public const int DefaultPageSize = 25;
    public const long MaxAdjustment = 10_000_000;

    public static void MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/v1/members/{id}").WithTags("Points");
        members.MapGet("/balance", Balance).WithName("getMemberBalance").RequireScopes(Scopes.All).AccessForAll(200)
            .WithSummary("Available and pending points, what expires in the next 30 days, lifetime earned and spent")
            .Produces<BalanceDetails>().WithResponseExample(200, Examples.Balance);

        members.MapGet("/ledger", History).WithName("listLedgerEntries").RequireScopes(Scopes.All).AccessForAll(200)
            .WithSummary("The member's ledger entries, newest first")
            .WithDescription($"Cursor-paginated: pass nextCursor back as cursor. limit: 1 to Treu:Limits:MaxPageSize (default 100), default {DefaultPageSize}.")
            .Produces<LedgerPage>().WithResponseExample(200, Examples.LedgerPage);

        members.MapPost("/adjustments", Adjust).WithName("adjustPoints").RequireScopes(Scopes.Admin).AccessForAdmin(201).Idempotent()
            .WithSummary("Credit or debit points by hand, with a reason (admin)")
            .Produces<AdjustmentView>(201).WithRequestExample(Examples.Adjustment).WithResponseExample(201, Examples.AdjustmentResult);

        app.MapPost("/v1/transfers", Transfer).WithName("transferPoints").WithTags("Points").RequireScopes(Scopes.App, Scopes.Admin).Access(pos: 403, ecommerce: 403, app: 201, admin: 201).Idempotent()
            .WithSummary("Move points from one member to another, both sides in one atomic step")
            .WithDescription("The points keep the expiry dates they had. Send an Idempotency-Key to make retries safe.")
            .Produces<TransferView>(201).WithRequestExample(Examples.Transfer).WithResponseExample(201, Examples.TransferResult);

        app.MapGet("/v1/admin/ledger/verify", Verify).WithName("verifyLedger").WithTags("Operations").RequireScopes(Scopes.Admin).AccessForAdmin(200)
            .WithSummary("Recompute every balance and hash chain from the entries and report any mismatch")
            .Produces<VerificationReport>().WithResponseExample(200, Examples.Verification);
    }

    private static async Task<IResult> Balance(string id, HttpContext http, TreuDbContext db, ProgramSettings programs, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var horizon = clock.GetUtcNow().UtcDateTime.AddDays(30);
        // One round trip: the member's cached balance and the lots that expire within 30 days.
        var member = await db.Members.AsNoTracking().Where(m => m.ProgramId == caller.ProgramId && m.Id == id)
            .Select(m => new
            {
                m.Id, m.Available, m.Pending, m.LifetimeEarned, m.LifetimeSpent,
                Expiring = db.Lots.Where(l => l.MemberId == m.Id && l.State == LotState.Available && l.Remaining > 0 && l.ExpiresAt != null && l.ExpiresAt <= horizon)
                    .Select(l => new { l.Id, l.ExpiresAt, l.Remaining }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (member is null)
        {
            return MemberEndpoints.NotFound(id);
        }

        var program = await programs.GetAsync(caller.ProgramId, ct);
        var expiring = member.Expiring
            .GroupBy(l => DateOnly.FromDateTime(l.ExpiresAt!.Value))
            .OrderBy(g => g.Key)
            .Select(g => new ExpiringPoints(g.Key, g.Sum(l => l.Remaining)))
            .ToList();
        return Results.Ok(new BalanceDetails(member.Id, member.Available, member.Pending, expiring.Sum(e => e.Points), expiring,
            member.LifetimeEarned, member.LifetimeSpent, program.PointsName, Math.Max(member.Available, 0) * program.PointValue, program.Currency));
    }

    private static async Task<IResult> History(string id, HttpContext http, TreuDbContext db, IOptions<LimitOptions> limits, string? cursor, int? limit, CancellationToken ct)
    {
        var caller = http.Caller();
        var max = limits.Value.MaxPageSize;
        var size = limit ?? Math.Min(DefaultPageSize, max);
        if (size < 1 || size > max)
        {
            return Problems.Result(400, "validation_failed", $"limit must be between 1 and {max}.", new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {max}"] });
        }

        long before = long.MaxValue;
        if (cursor is not null && !TryReadCursor(cursor, out before))
        {
            return Problems.Result(400, "validation_failed", "cursor is not one this API handed out.", new Dictionary<string, string[]> { ["cursor"] = ["is invalid"] });
        }

        if (!await db.Members.AnyAsync(m => m.ProgramId == caller.ProgramId && m.Id == id, ct))
        {
            return MemberEndpoints.NotFound(id);
        }

        var page = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.MemberId == id && e.Seq < before)
            .OrderByDescending(e => e.Seq).Take(size + 1).ToListAsync(ct);
        var next = page.Count > size ? Cursor(page[size - 1].Seq) : null;
        return Results.Ok(new LedgerPage(page.Take(size).Select(LedgerEntryView.From).ToList(), next));
    }

    private static async Task<IResult> Adjust(string id, AdjustmentRequest body, HttpContext http, TreuDbContext db, ProgramSettings programs,
        IdempotentWrites writes, WriteTransaction tx, TimeProvider clock)
    {
        var caller = http.Caller();
        var check = new Validation().Require("reason", body.Reason, 500);
        // Compared without Math.Abs: the absolute value of long.MinValue overflows.
        if (body.Points is not { } points || points == 0 || points < -MaxAdjustment || points > MaxAdjustment)
        {
            check.Add("points", $"must be a non-zero whole number between -{MaxAdjustment} and {MaxAdjustment}");
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var program = await programs.GetAsync(caller.ProgramId, http.RequestAborted);
        return await writes.RunAsync(http, new { id, body }, [], async ct =>
        {
            var member = await tx.LockMemberAsync(caller.ProgramId, id, ct);
            if (member is null)
            {
                return MemberEndpoints.NotFoundFailure(id);
            }

            var adjustmentId = Ids.New("adj");
            var source = new EntrySource("admin", null, caller.Actor, "adjustment", adjustmentId, body.Reason!.Trim());
            var posting = new LedgerPosting(program, member, clock.GetUtcNow().UtcDateTime);
            LedgerEntry entry;
            if (body.Points > 0)
            {
                entry = posting.Credit(EntryKind.Adjust, body.Points!.Value, source);
            }
            else
            {
                var spent = posting.Spend(EntryKind.Adjust, -body.Points!.Value, PointsLot.InSpendingOrder(await PurchaseEndpoints.AvailableLots(db, id, ct)), source);
                if (spent.Failure is { } failure)
                {
                    return failure;
                }

                entry = spent.Value.Entry;
            }

            PurchaseEndpoints.Save(db, posting);
            return Outcome.Created(new AdjustmentView(adjustmentId, id, LedgerEntryView.From(entry), new BalanceView(member.Available, member.Pending)));
        }, CommitGroup.ForMember(id));
    }

    private static async Task<IResult> Transfer(TransferRequest body, HttpContext http, TreuDbContext db, ProgramSettings programs,
        IdempotentWrites writes, WriteTransaction tx, TimeProvider clock)
    {
        var caller = http.Caller();
        var check = new Validation().Require("fromMemberId", body.FromMemberId, 64).Require("toMemberId", body.ToMemberId, 64).MaxLength("reason", body.Reason, 500);
        if (body.Points is not { } points || points <= 0 || points > BasketValidation.MaxPoints)
        {
            check.Add("points", $"must be a whole number from 1 to {BasketValidation.MaxPoints}");
        }

        if (body.FromMemberId is not null && body.FromMemberId == body.ToMemberId)
        {
            check.Add("toMemberId", "must differ from fromMemberId");
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var program = await programs.GetAsync(caller.ProgramId, http.RequestAborted);
        return await writes.RunAsync(http, body, [], async ct =>
        {
            // Always lock in id order, so two opposite transfers cannot deadlock.
            var ids = new[] { body.FromMemberId!, body.ToMemberId! }.Order(StringComparer.Ordinal).ToArray();
            var first = await tx.LockMemberAsync(caller.ProgramId, ids[0], ct);
            var second = await tx.LockMemberAsync(caller.ProgramId, ids[1], ct);
            var from = first?.Id == body.FromMemberId ? first : second;
            var to = first?.Id == body.ToMemberId ? first : second;
            if (from is null || to is null)
            {
                return MemberEndpoints.NotFoundFailure(from is null ? body.FromMemberId! : body.ToMemberId!);
            }

            if (from.Status == MemberStatus.Blocked || to.Status == MemberStatus.Blocked)
            {
                return new Failure("member_blocked", "A blocked member can neither give nor receive points.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var transfer = new PointsTransfer
            {
                Id = Ids.New("trf"),
                ProgramId = caller.ProgramId,
                FromMemberId = from.Id,
                ToMemberId = to.Id,
                Points = body.Points!.Value,
                Reason = body.Reason?.Trim() is { Length: > 0 } r ? r : "Transfer",
                Channel = caller.Channel,
                Actor = caller.Actor,
                CreatedAt = Clock.ToStoredPrecision(now),
            };
            var outPosting = new LedgerPosting(program, from, now);
            var spent = outPosting.Spend(EntryKind.TransferOut, transfer.Points, PointsLot.InSpendingOrder(await PurchaseEndpoints.AvailableLots(db, from.Id, ct)),
                new EntrySource(caller.Channel, null, caller.Actor, "transfer", transfer.Id, $"{transfer.Reason} to member {to.MemberNumber}"));
            if (spent.Failure is { } failure)
            {
                return failure;
            }

            var inPosting = new LedgerPosting(program, to, now);
            inPosting.Credit(EntryKind.TransferIn, spent.Value.Taken.Select(t => (t.Points, t.Lot.ExpiresAt)).ToList(),
                new EntrySource(caller.Channel, null, caller.Actor, "transfer", transfer.Id, $"{transfer.Reason} from member {from.MemberNumber}"));
            db.Transfers.Add(transfer);
            PurchaseEndpoints.Save(db, outPosting);
            PurchaseEndpoints.Save(db, inPosting);
            return Outcome.Created(new TransferView(transfer.Id, from.Id, to.Id, transfer.Points, transfer.Reason,
                new BalanceView(from.Available, from.Pending), new BalanceView(to.Available, to.Pending), transfer.CreatedAt));
        });
    }

    private static async Task<IResult> Verify(HttpContext http, LedgerAudit audit, CancellationToken ct) =>
        Results.Ok(await audit.VerifyAsync(http.Caller().ProgramId, ct));

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
