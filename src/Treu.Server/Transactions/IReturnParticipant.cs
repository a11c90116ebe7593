namespace Treu.Server.Transactions;

/// <summary>
/// A feature that takes back what a purchase gave it when goods come back (a tier's qualifying spend, a stamp, cashback,
/// a voucher that becomes usable again …), in the return's transaction after its points are posted.
/// </summary>
public interface IReturnParticipant
{
    ValueTask CompleteAsync(ReturnInProgress ret, CancellationToken ct);
}
