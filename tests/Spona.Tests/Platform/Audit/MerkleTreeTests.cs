using Spona.Web.Platform.Audit;

namespace Spona.Tests.Platform.Audit;

/// <summary>RFC 6962 known answers: the Certificate Transparency reference leaves, roots and proofs.</summary>
public sealed class MerkleTreeTests
{
    private static readonly string[] LeafData = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static List<byte[]> Leaves() => [.. LeafData.Select(d => MerkleTree.LeafHash(Convert.FromHexString(d)))];

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void Roots_MatchTheReferenceForEverySize()
    {
        var leaves = Leaves();
        var builder = new MerkleTreeBuilder();
        Assert.Equal(Roots[0], Hex(builder.Root()));
        for (var n = 1; n <= 8; n++)
        {
            builder.AppendLeafHash(leaves[n - 1]);
            Assert.Equal(Roots[n], Hex(builder.Root()));
            Assert.Equal(Roots[n], Hex(MerkleTree.Root(leaves[..n])));
        }
    }

    [Fact]
    public void Subtrees_AppendedByTheirRoots_GiveTheReferenceRoots()
    {
        var leaves = Leaves();
        // The 8 reference leaves as subtrees of 4, 2, 1 and 1 leaves, then 2, 2, 2, 2, then 1 by 1 after 2 and 4.
        foreach (var sizes in new[] { new[] { 4, 2, 1, 1 }, new[] { 2, 2, 2, 2 }, new[] { 2, 1, 1, 4 }, new[] { 8 } })
        {
            var builder = new MerkleTreeBuilder();
            var at = 0;
            foreach (var size in sizes)
            {
                builder.AppendSubtree(MerkleTree.Root(leaves[at..(at + size)]), size);
                at += size;
                Assert.Equal(at, builder.Size);
                Assert.Equal(Roots[at], Hex(builder.Root()));
            }
        }
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(0, 3)]
    [InlineData(0, 0)]
    public void Subtree_ThatCannotStartWhereTheTreeEnds_IsRefused(int leavesBefore, int size)
    {
        var leaves = Leaves();
        var builder = new MerkleTreeBuilder();
        foreach (var leaf in leaves[..leavesBefore])
        {
            builder.AppendLeafHash(leaf);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AppendSubtree(leaves[0], size));
        Assert.Equal(leavesBefore, builder.Size);
        Assert.Equal(Roots[leavesBefore], Hex(builder.Root()));
    }

    [Theory]
    [InlineData(0, 8, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" })]
    [InlineData(5, 8, new[] { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" })]
    public void InclusionProofs_MatchTheReference(int index, int size, string[] expected)
    {
        var leaves = Leaves();
        var proof = MerkleTree.InclusionProof(leaves, index, size);

        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(MerkleTree.VerifyInclusion(leaves[index], index, size, proof, Convert.FromHexString(Roots[size])));
        Assert.False(MerkleTree.VerifyInclusion(leaves[index], index + 1 == size ? index - 1 : index + 1, size, proof, Convert.FromHexString(Roots[size])));
    }

    [Theory]
    [InlineData(1, 1, new string[0])]
    [InlineData(1, 8, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" })]
    [InlineData(6, 8, new[] { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" })]
    [InlineData(2, 5, new[] { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" })]
    public void ConsistencyProofs_MatchTheReference(int first, int second, string[] expected)
    {
        var leaves = Leaves();
        var proof = MerkleTree.ConsistencyProof(leaves, first, second);

        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(MerkleTree.VerifyConsistency(first, second, Convert.FromHexString(Roots[first]), Convert.FromHexString(Roots[second]), proof));
    }

    [Fact]
    public void EveryProof_VerifiesForEverySize_AndAFlippedByteFails()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleTree.LeafHash([(byte)i, (byte)(i * 7)])).ToList();
        var builder = new MerkleTreeBuilder();
        var roots = new List<byte[]> { builder.Root() };
        foreach (var leaf in leaves)
        {
            builder.AppendLeafHash(leaf);
            roots.Add(builder.Root());
        }

        for (var n = 1; n <= leaves.Count; n++)
        {
            Assert.Equal(Hex(MerkleTree.Root(leaves[..n])), Hex(roots[n]));
            for (var i = 0; i < n; i++)
            {
                var proof = MerkleTree.InclusionProof(leaves, i, n);
                Assert.True(MerkleTree.VerifyInclusion(leaves[i], i, n, proof, roots[n]), $"inclusion {i}/{n}");
                if (proof.Count > 0)
                {
                    var bad = proof.Select(p => (byte[])p.Clone()).ToList();
                    bad[0][3] ^= 1;
                    Assert.False(MerkleTree.VerifyInclusion(leaves[i], i, n, bad, roots[n]));
                }
            }

            for (var m = 1; m <= n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(leaves, m, n);
                Assert.True(MerkleTree.VerifyConsistency(m, n, roots[m], roots[n], proof), $"consistency {m}->{n}");
                if (m < n)
                {
                    Assert.False(MerkleTree.VerifyConsistency(m, n, roots[m - 1], roots[n], proof));
                }
            }
        }
    }
}

/// <summary>The per-thread SHA-256 context gives SHA-256, and a failed call leaves no state behind.</summary>
public sealed class Sha256ScratchTests
{
    [Fact]
    public void Hashes_AreSha256_AndAFailedCallDoesNotTaintTheNext()
    {
        var data = "spona.audit.v2 synthetic"u8.ToArray();
        var hash = new byte[32];

        Sha256Scratch.HashData(data, hash);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), hash);

        Assert.ThrowsAny<ArgumentException>(() => Sha256Scratch.HashData(data, new byte[8]));
        Sha256Scratch.HashData([], hash);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData([]), hash);
    }
}
