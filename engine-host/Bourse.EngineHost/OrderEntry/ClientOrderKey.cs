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
        var length = 8 + Encoding.UTF8.GetBytes(clientOrderId, input[8..]);
        return Finish(accountId, input[..length]);
    }

    /// <summary>The key of a client order id given as its UTF-8 bytes (as on the wire): the same key as its string's.</summary>
    public static long Compute(long accountId, ReadOnlySpan<byte> clientOrderIdUtf8)
    {
        if (clientOrderIdUtf8.IsEmpty || clientOrderIdUtf8.Length > OrderGateway.MaxClientIdLength * 3)
        {
            throw new ArgumentException("A client order id has 1 to 64 characters.", nameof(clientOrderIdUtf8));
        }

        Span<byte> input = stackalloc byte[8 + clientOrderIdUtf8.Length];
        clientOrderIdUtf8.CopyTo(input[8..]);
        return Finish(accountId, input);
    }

    /// <summary>The key of <paramref name="input"/>: room for the account id in its first 8 bytes, then the id's UTF-8.</summary>
    private static long Finish(long accountId, Span<byte> input)
    {
        BinaryPrimitives.WriteInt64LittleEndian(input, accountId);
        var key = Sha256Prefix.FirstEightBytesLittleEndian(input);
        return key == 0 ? 1 : key;
    }
}
