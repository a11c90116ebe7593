using System.Collections.Concurrent;

namespace Treu.Server.Hosting;

/// <summary>The keys of the writes this node is running now (one per process: other nodes are caught by the unique keys).</summary>
public sealed class InFlightWrites
{
    public ConcurrentDictionary<string, byte> Keys { get; } = new(StringComparer.Ordinal);
}
