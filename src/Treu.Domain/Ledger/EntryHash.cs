using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Treu.Domain.Ledger;

/// <summary>
/// SHA-256 over the previous hash and a canonical form of the entry. Altering, deleting or reordering any entry
/// after the fact breaks every hash after it.
/// </summary>
public static class EntryHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(LedgerEntry e)
    {
        // A JSON array is an unambiguous canonical form: no separator inside a reason can shift a field.
        object?[] fields =
        [
            e.PrevHash, e.ProgramId, e.MemberId, e.Seq, e.Kind.ToString(), e.AvailableDelta, e.PendingDelta,
            e.Reason, e.Channel, e.StoreId, e.Actor, e.CauseType, e.CauseId, e.LotId,
            e.CreatedAt.ToUniversalTime().Ticks,
        ];

        // Rules came later: appended only when present, so the hashes of earlier entries stay what they were.
        var canonical = JsonSerializer.Serialize(e.Rules is null ? fields : [.. fields, e.Rules]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
