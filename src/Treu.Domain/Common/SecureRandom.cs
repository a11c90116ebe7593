using System.Security.Cryptography;

namespace Treu.Domain.Common;

/// <summary>
/// Cryptographically strong random bytes, drawn from the system generator a few kilobytes at a time: one call to
/// it per id costs more than everything else a bulk load does per ledger entry. Each thread keeps its own buffer.
/// </summary>
public static class SecureRandom
{
    private const int BufferSize = 4096;

    [ThreadStatic]
    private static byte[]? _buffer;

    [ThreadStatic]
    private static int _used;

    public static void Fill(Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            if (_buffer is null || _used == BufferSize)
            {
                _buffer ??= new byte[BufferSize];
                RandomNumberGenerator.Fill(_buffer);
                _used = 0;
            }

            var n = Math.Min(destination.Length, BufferSize - _used);
            _buffer.AsSpan(_used, n).CopyTo(destination);
            // Bytes handed out are wiped, so the buffer never holds a value someone already has.
            _buffer.AsSpan(_used, n).Clear();
            _used += n;
            destination = destination[n..];
        }
    }

    /// <summary>A uniform number from 0 to <paramref name="exclusiveMax"/> - 1 (at most 256), without modulo bias.</summary>
    public static int Next(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exclusiveMax, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveMax, 1);
        var limit = 256 - 256 % exclusiveMax;
        Span<byte> b = stackalloc byte[1];
        do
        {
            Fill(b);
        }
        while (b[0] >= limit);

        return b[0] % exclusiveMax;
    }
}
