using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Grocery.Identity.Security;

/// <summary>
/// Lets Identity validate its own tokens from its key store instead of fetching its JWKS over
/// HTTP from itself; every other validation setting stays ServiceDefaults'.
/// </summary>
internal sealed class SigningKeyConfigurationManager(SigningKeyStore keys, string issuer) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        foreach (var key in await keys.GetPublishedKeysAsync(cancel))
        {
            configuration.SigningKeys.Add(key.SecurityKey);
        }
        return configuration;
    }

    public void RequestRefresh() => keys.RequestRefresh();
}
