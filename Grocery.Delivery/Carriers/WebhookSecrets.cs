using System.Security.Cryptography;
using System.Text;

namespace Grocery.Delivery.Carriers;

internal static class WebhookSecrets
{
    public static bool SecretEquals(string? presented, string? expected) =>
        !string.IsNullOrEmpty(expected) && presented is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    public static string HmacSha256Hex(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
