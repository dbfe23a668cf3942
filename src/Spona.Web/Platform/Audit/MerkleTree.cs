using System.Security.Cryptography;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// The Merkle tree of RFC 6962 (section 2.1): leaf hash = SHA-256(0x00 || data), node hash = SHA-256(0x01 || left ||
/// right), a tree of n leaves split at the largest power of two smaller than n. Checkpoints of the audit trail are
/// roots of this tree over the entries' hashes, so any other RFC 6962 implementation can check them.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot => SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = data.Length <= 256 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>MTH over leaf hashes held in memory (for proofs and tests; checkpoints use <see cref="MerkleTreeBuilder"/>).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) => leafHashes.Count == 0 ? EmptyRoot : Root(leafHashes, 0, leafHashes.Count);

    /// <summary>The audit path of RFC 6962 2.1.1 for leaf <paramref name="index"/> of the first <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, long index, long size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (size < 1 || size > leafHashes.Count || index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "The leaf must be inside a tree of at most the known leaves.");
        }

        var proof = new List<byte[]>();
        Path((int)index, leafHashes, 0, (int)size, proof);
        return proof;
    }

    /// <summary>The consistency proof of RFC 6962 2.1.2 between the trees of <paramref name="first"/> and <paramref name="second"/> leaves.</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long first, long second)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (first < 0 || first > second || second > leafHashes.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(first), "Need 0 <= first <= second <= number of leaves.");
        }

        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof((int)first, leafHashes, 0, (int)second, true, proof);
        }

        return proof;
    }

    /// <summary>Verifies an inclusion proof (RFC 9162 2.1.3.2).</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || leafHash.Length != HashSize || root.Length != HashSize)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p.Length != HashSize)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>Verifies a consistency proof (RFC 9162 2.1.4.2).</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (first < 0 || first > second || firstRoot.Length != HashSize || secondRoot.Length != HashSize)
        {
            return false;
        }

        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (first == 0)
        {
            return proof.Count == 0;
        }

        if (proof.Count == 0 || proof.Any(p => p.Length != HashSize))
        {
            return false;
        }

        var path = new List<byte[]>(proof.Count + 1);
        if ((first & (first - 1)) == 0)
        {
            path.Add(firstRoot.ToArray());
        }

        path.AddRange(proof);
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n &gt; 1): RFC 6962's split point.</summary>
    internal static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = Split(count);
        return NodeHash(Root(leaves, start, k), Root(leaves, start + k, count - k));
    }

    private static void Path(int index, IReadOnlyList<byte[]> leaves, int start, int count, List<byte[]> proof)
    {
        if (count == 1)
        {
            return;
        }

        var k = Split(count);
        if (index < k)
        {
            Path(index, leaves, start, k, proof);
            proof.Add(Root(leaves, start + k, count - k));
        }
        else
        {
            Path(index - k, leaves, start + k, count - k, proof);
            proof.Add(Root(leaves, start, k));
        }
    }

    private static void SubProof(int m, IReadOnlyList<byte[]> leaves, int start, int count, bool complete, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(Root(leaves, start, count));
            }

            return;
        }

        var k = Split(count);
        if (m <= k)
        {
            SubProof(m, leaves, start, k, complete, proof);
            proof.Add(Root(leaves, start + k, count - k));
        }
        else
        {
            SubProof(m - k, leaves, start + k, count - k, false, proof);
            proof.Add(Root(leaves, start, k));
        }
    }
}

/// <summary>
/// Computes RFC 6962 tree roots while leaves stream past, in O(log n) memory: a stack of the roots of the complete
/// subtrees (one per set bit of n, largest first). Folding that stack from right to left gives exactly the MTH of
/// RFC 6962, because its split at the largest power of two k &lt; n makes the left subtree the largest complete one.
/// </summary>
public sealed class MerkleTreeBuilder
{
    // At most 64 complete subtrees (one per bit of a long); their roots live in one array, nothing is allocated per leaf.
    private readonly byte[] roots = new byte[64 * MerkleTree.HashSize];
    private readonly long[] sizes = new long[64];
    private int depth;

    public long Size { get; private set; }

    /// <summary>Adds a leaf by its data (the leaf hash is computed here).</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = data.Length <= 256 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        Span<byte> leaf = stackalloc byte[MerkleTree.HashSize];
        SHA256.HashData(buffer, leaf);
        AppendLeafHash(leaf);
    }

    public void AppendLeafHash(ReadOnlySpan<byte> leafHash) => AppendSubtree(leafHash, 1);

    /// <summary>
    /// Adds a complete subtree of <paramref name="size"/> leaves (a power of two) by its root, as if its leaves were
    /// appended one by one: valid only where such a subtree starts in the whole tree, that is, when the leaves so far
    /// are a multiple of its size. Lets a verifier hash the subtrees of separate ranges in parallel.
    /// </summary>
    public void AppendSubtree(ReadOnlySpan<byte> root, long size)
    {
        if (root.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException("A subtree root has 32 bytes.", nameof(root));
        }

        if (size < 1 || (size & (size - 1)) != 0 || Size % size != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "A complete subtree has a power-of-two size and starts at a multiple of it.");
        }

        Span<byte> node = stackalloc byte[1 + (2 * MerkleTree.HashSize)];
        Span<byte> hash = stackalloc byte[MerkleTree.HashSize];
        root.CopyTo(hash);
        var appended = size;
        while (depth > 0 && sizes[depth - 1] == size)
        {
            node[0] = 0x01;
            roots.AsSpan((depth - 1) * MerkleTree.HashSize, MerkleTree.HashSize).CopyTo(node[1..]);
            hash.CopyTo(node[(1 + MerkleTree.HashSize)..]);
            Sha256Scratch.HashData(node, hash);
            depth--;
            size *= 2;
        }

        hash.CopyTo(roots.AsSpan(depth * MerkleTree.HashSize, MerkleTree.HashSize));
        sizes[depth] = size;
        depth++;
        Size += appended;
    }

    /// <summary>The root of the tree of all leaves appended so far.</summary>
    public byte[] Root()
    {
        if (depth == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var root = roots.AsSpan((depth - 1) * MerkleTree.HashSize, MerkleTree.HashSize).ToArray();
        for (var i = depth - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(roots.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize), root);
        }

        return root;
    }
}
