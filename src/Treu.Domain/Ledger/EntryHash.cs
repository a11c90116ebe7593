using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Treu.Domain.Ledger;

/// <summary>
/// SHA-256 over the previous hash and a canonical form of the entry. Altering, deleting or reordering any entry
/// after the fact breaks every hash after it.
/// </summary>
public static class EntryHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>
    /// The canonical form is a compact JSON array (no separator inside a reason can shift a field) of
    /// [prevHash, programId, memberId, seq, kind, availableDelta, pendingDelta, reason, channel, storeId, actor,
    /// causeType, causeId, lotId, createdAt ticks (UTC)], with the rules appended only when present (they came
    /// later, so the hashes of earlier entries stay what they were). Written straight to UTF-8 with the
    /// serializer's default escaping: the bytes are those <c>JsonSerializer.Serialize(object[])</c> gave.
    /// </summary>
    public static string Compute(LedgerEntry e)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var json = _writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartArray();
        String(json, e.PrevHash);
        String(json, e.ProgramId);
        String(json, e.MemberId);
        json.WriteNumberValue(e.Seq);
        json.WriteStringValue(e.Kind.ToString());
        json.WriteNumberValue(e.AvailableDelta);
        json.WriteNumberValue(e.PendingDelta);
        String(json, e.Reason);
        String(json, e.Channel);
        String(json, e.StoreId);
        String(json, e.Actor);
        String(json, e.CauseType);
        String(json, e.CauseId);
        String(json, e.LotId);
        json.WriteNumberValue(e.CreatedAt.ToUniversalTime().Ticks);
        if (e.Rules is not null)
        {
            json.WriteStringValue(e.Rules);
        }

        json.WriteEndArray();
        json.Flush();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static void String(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
