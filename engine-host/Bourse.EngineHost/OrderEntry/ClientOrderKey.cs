using System.Buffers.Binary;
using System.Text;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// The 64-bit key of a client order: the first eight bytes of SHA-256 over (account id, client order id). It travels
/// in the journal with the command (<c>OrderCommand.ClientOrderKey</c>), so that after a restart a retried client order
/// is recognised from the journal alone.
/// </summary>
/// <remarks>
/// A truncated cryptographic hash rather than a fast one because a collision would answer a new order with another
/// order's outcome: with 64 bits, one account would need about 6·10⁸ orders in the retained journal for a one-in-a-
/// million chance of any collision. The cost (about a microsecond, <see cref="Sha256Prefix"/>) is paid once per request
/// on the gateway thread: a new order's key, or the target's for a cancel or replace by client order id. Never 0: 0
/// means "no key".
/// </remarks>
internal static class ClientOrderKey
{
    public static long Compute(long accountId, string clientOrderId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientOrderId);
        Span<byte> input = stackalloc byte[8 + Encoding.UTF8.GetMaxByteCount(clientOrderId.Length)];
        BinaryPrimitives.WriteInt64LittleEndian(input, accountId);
        var length = 8 + Encoding.UTF8.GetBytes(clientOrderId, input[8..]);
        var key = Sha256Prefix.FirstEightBytesLittleEndian(input[..length]);
        return key == 0 ? 1 : key;
    }
}
