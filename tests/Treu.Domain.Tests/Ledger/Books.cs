using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;

namespace Treu.Domain.Tests.Ledger;

/// <summary>
/// One member's books as the server keeps them: every posting runs in its own <see cref="LedgerPosting"/> at the
/// current time, and its entries and new lots are kept, as a database transaction would save them.
/// </summary>
internal sealed class Books
{
    public static readonly DateTime Start = new(2026, 3, 2, 9, 30, 0, DateTimeKind.Utc);

    public Books(SpentPointsReturnPolicy policy = SpentPointsReturnPolicy.ClampToZero, int pendingDays = 14, int? expiryMonths = 24)
    {
        Program = new LoyaltyProgram
        {
            Id = "prg_test",
            Name = "Test program",
            QrSecret = "not-a-real-secret",
            PendingDays = pendingDays,
            ExpiryMonths = expiryMonths,
            ReturnPolicy = policy,
        };
        Member = new Member { Id = "mem_anna", ProgramId = Program.Id, MemberNumber = "1234567897", EnrolledChannel = "pos" };
    }

    public LoyaltyProgram Program { get; }
    public Member Member { get; }
    public List<LedgerEntry> Entries { get; } = [];
    public List<PointsLot> Lots { get; } = [];
    public DateTime Now { get; set; } = Start;

    public IEnumerable<PointsLot> SpendingOrder => PointsLot.InSpendingOrder(Lots);

    public static EntrySource Source(string causeId = "pur_1", string causeType = "purchase", string reason = "Receipt 4711") =>
        new("pos", "store_berlin", "till_3", causeType, causeId, reason);

    public T Post<T>(Func<LedgerPosting, T> operation)
    {
        var posting = new LedgerPosting(Program, Member, Now);
        var result = operation(posting);
        Entries.AddRange(posting.Entries);
        Lots.AddRange(posting.NewLots);
        return result;
    }

    public PointsLot EarnPending(long points, string causeId = "pur_1")
    {
        var entry = Post(p => p.Earn(points, Source(causeId)));
        return LotOf(entry);
    }

    public PointsLot EarnAvailable(long points, string causeId = "pur_1")
    {
        var entry = Post(p => p.Earn(points, Source(causeId), pending: false));
        return LotOf(entry);
    }

    public LedgerEntry? Activate(PointsLot lot) => Post(p => p.Activate(lot, Source(lot.CauseId, reason: "Return window ended")));

    public LedgerEntry Redeem(long points) =>
        Post(p => p.Spend(EntryKind.Redeem, points, SpendingOrder, Source("pur_redeem"))).Value.Entry;

    public Reversal Reverse(long points, PointsLot? purchaseLot) =>
        Post(p => p.Reverse(points, purchaseLot, SpendingOrder, Source(purchaseLot?.CauseId ?? "pur_x", "return", "Return")));

    public LedgerEntry? Expire(PointsLot lot) => Post(p => p.Expire(lot, Source(lot.CauseId, "expiry", "Expired")));

    public PointsLot LotOf(LedgerEntry entry) => Lots.Single(l => l.Id == entry.LotId);

    public IReadOnlyList<LedgerMismatch> Verify() => LedgerVerification.Verify(Member, Entries, Lots).ToList();

    public long AvailableInLots => Lots.Where(l => l.State == LotState.Available).Sum(l => l.Remaining);

    public long PendingInLots => Lots.Where(l => l.State == LotState.Pending).Sum(l => l.Remaining);
}
