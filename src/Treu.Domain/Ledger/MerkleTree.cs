using System.Security.Cryptography;
using System.Text;

namespace Treu.Domain.Ledger;

/// <summary>
/// The Merkle tree hash of RFC 6962 (Certificate Transparency) over members' chain heads, built one leaf at a time: only the
/// roots of the perfect subtrees built so far are kept (at most 64, about 20 at a million members), so a checkpoint can be
/// built in batches, across runs and nodes, with its state in one short text. Leaves are hashed with a 0x00 prefix and
/// inner nodes with 0x01, so a leaf can never pass for a node.
/// </summary>
public sealed class MerkleTree
{
    private readonly List<(long Size, byte[] Hash)> _subtrees = [];

    public long Count { get; private set; }

    /// <summary>What one leaf says: the member, how many entries its chain had and the hash it ended in.</summary>
    public static byte[] Leaf(string memberId, long seq, string hash) => Encoding.UTF8.GetBytes($"{memberId}\n{seq}\n{hash}");

    public void Add(byte[] leaf)
    {
        _subtrees.Add((1, Hash(0x00, leaf, [])));
        Count++;
        while (_subtrees.Count >= 2 && _subtrees[^1].Size == _subtrees[^2].Size)
        {
            var (size, right) = _subtrees[^1];
            var left = _subtrees[^2].Hash;
            _subtrees.RemoveRange(_subtrees.Count - 2, 2);
            _subtrees.Add((size * 2, Hash(0x01, left, right)));
        }
    }

    /// <summary>The root, lowercase hex; that of no leaves is the hash of nothing, as RFC 6962 has it.</summary>
    public string Root()
    {
        if (_subtrees.Count == 0)
        {
            return Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty));
        }

        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--)
        {
            root = Hash(0x01, _subtrees[i].Hash, root);
        }

        return Convert.ToHexStringLower(root);
    }

    /// <summary>The state to carry to the next batch: "size:hash" of each subtree, largest first.</summary>
    public string Save() => string.Join(',', _subtrees.Select(s => $"{s.Size}:{Convert.ToHexStringLower(s.Hash)}"));

    public static MerkleTree Restore(string state)
    {
        var tree = new MerkleTree();
        foreach (var part in state.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':');
            var size = long.Parse(part.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
            tree._subtrees.Add((size, Convert.FromHexString(part.AsSpan(colon + 1))));
            tree.Count += size;
        }

        return tree;
    }

    private static byte[] Hash(byte prefix, byte[] left, byte[] right)
    {
        var data = new byte[1 + left.Length + right.Length];
        data[0] = prefix;
        left.CopyTo(data, 1);
        right.CopyTo(data, 1 + left.Length);
        return SHA256.HashData(data);
    }
}
