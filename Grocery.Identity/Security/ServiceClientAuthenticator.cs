using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Grocery.Identity.Security;

/// <summary>
/// Checks a service's client id and secret against <see cref="IdentityServiceOptions.ServiceClients"/>.
/// Secrets are compared as SHA-256 digests in constant time, so neither their content nor their length
/// shows in the response time, and an unknown client costs the same comparison as a known one.
/// </summary>
public sealed class ServiceClientAuthenticator(IOptionsMonitor<IdentityServiceOptions> options)
{
    private static readonly byte[] NoSecret = SHA256.HashData(RandomNumberGenerator.GetBytes(32));

    public bool IsKnown(string clientId) => ConfiguredSecret(clientId) is not null;

    public bool Authenticate(string clientId, string clientSecret)
    {
        var configured = ConfiguredSecret(clientId);
        var expected = configured is null ? NoSecret : SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret));
        return CryptographicOperations.FixedTimeEquals(expected, presented) && configured is not null;
    }

    // A client configured without a secret (an unset parameter) can never authenticate.
    private string? ConfiguredSecret(string clientId) =>
        options.CurrentValue.ServiceClients.TryGetValue(clientId, out var client) && !string.IsNullOrEmpty(client.Secret) ? client.Secret : null;
}
