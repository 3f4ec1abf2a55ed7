using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Bourse.EngineHost.OrderEntry;

namespace Bourse.EngineHost.Tests.OrderEntry;

/// <summary>The managed SHA-256 of client order keys against the BCL's (OpenSSL's): the same bytes, or keys in old
/// journals stop matching their retries.</summary>
public sealed class Sha256PrefixTests
{
    [Fact]
    public void Every_length_from_empty_to_five_blocks_hashes_as_the_bcl_does()
    {
        var random = new Random(20261126);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(BclFirstEightBytes(data), Sha256Prefix.FirstEightBytesLittleEndian(data));
        }
    }

    [Fact]
    public void The_known_answer_of_abc()
    {
        // FIPS 180-2 appendix B.1: SHA-256("abc") = ba7816bf 8f01cfea ...
        Assert.Equal(BinaryPrimitives.ReadInt64LittleEndian(Convert.FromHexString("ba7816bf8f01cfea")), Sha256Prefix.FirstEightBytesLittleEndian("abc"u8));
    }

    [Fact]
    public void Client_order_keys_are_the_truncated_bcl_sha256_of_account_and_id_for_any_characters()
    {
        var random = new Random(7);
        const string alphabet = "abcXYZ019-_.:/é€中𝄞";
        for (var i = 0; i < 2_000; i++)
        {
            var id = new string(Enumerable.Range(0, random.Next(1, 65)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var account = random.NextInt64(1, long.MaxValue);
            var input = new byte[8 + Encoding.UTF8.GetByteCount(id)];
            BinaryPrimitives.WriteInt64LittleEndian(input, account);
            Encoding.UTF8.GetBytes(id, input.AsSpan(8));
            var expected = BclFirstEightBytes(input);
            Assert.Equal(expected == 0 ? 1 : expected, ClientOrderKey.Compute(account, id));
        }
    }

    private static long BclFirstEightBytes(byte[] data) => BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(data));
}
