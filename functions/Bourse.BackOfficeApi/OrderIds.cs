using System.Security.Cryptography;
using System.Text;

namespace Bourse.BackOfficeApi;

/// <summary>
/// The order id (and saga instance id) of a submission, derived from (account, client order id) alone: a retried
/// request, from any host and at any time, names the same saga, so it can never start a second one.
/// </summary>
public static class OrderIds
{
    /// <summary>The prefix of every derived order id.</summary>
    public const string Prefix = "ord-";

    /// <summary><c>ord-</c> + the first 128 bits of SHA-256 over the two parts (length-prefixed, so that ("1","23") and
    /// ("12","3") differ), in lower-case hex: 36 characters, safe in a URL, a Cosmos DB id and an instance id.</summary>
    public static string Derive(string accountId, string clientOrderId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(clientOrderId);
        var text = $"{accountId.Length}:{accountId}|{clientOrderId.Length}:{clientOrderId}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Prefix + Convert.ToHexStringLower(hash[..16]);
    }
}
