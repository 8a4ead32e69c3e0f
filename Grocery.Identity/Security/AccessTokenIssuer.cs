using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.Identity.Security;

/// <summary>Signs short-lived RS256 access tokens with the active key (its id in the header's kid).</summary>
public sealed class AccessTokenIssuer(
    SigningKeyStore keys,
    IOptions<IdentityTokenOptions> tokenOptions,
    IOptions<IdentityServiceOptions> options,
    TimeProvider time)
{
    /// <summary>The claim naming the service a client-credentials token was issued to (RFC 9068).</summary>
    public const string ClientIdClaim = "client_id";

    /// <summary>Prefix of a service token's subject, so it can never be mistaken for a user id.</summary>
    public const string ClientSubjectPrefix = "client:";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <param name="warehouseId">The staff member's warehouse (<see cref="Domain.User.WarehouseClaim"/>), or null.</param>
    public Task<IssuedAccessToken> IssueAsync(Guid userId, IEnumerable<string> roles, Guid? warehouseId, CancellationToken cancellationToken)
    {
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, userId.ToString()) };
        claims.AddRange(roles.Order(StringComparer.Ordinal).Select(r => new Claim("role", r)));
        if (warehouseId is { } warehouse) claims.Add(new Claim(WarehouseAssignment.ClaimType, warehouse.ToString("D", CultureInfo.InvariantCulture)));
        return SignAsync(claims, cancellationToken);
    }

    /// <summary>A token for a service acting on its own behalf (client-credentials grant): only the service role.</summary>
    public Task<IssuedAccessToken> IssueForClientAsync(string clientId, CancellationToken cancellationToken) =>
        SignAsync(
        [
            new Claim(JwtRegisteredClaimNames.Sub, ClientSubjectPrefix + clientId),
            new Claim(ClientIdClaim, clientId),
            new Claim("role", GroceryRoles.Service),
        ], cancellationToken);

    private async Task<IssuedAccessToken> SignAsync(List<Claim> claims, CancellationToken cancellationToken)
    {
        var credentials = await keys.GetSigningCredentialsAsync(cancellationToken);
        var now = time.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        claims.Add(new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")));
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = tokenOptions.Value.Issuer,
            Audience = tokenOptions.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = credentials,
        });
        return new IssuedAccessToken(token, expires);
    }
}

public sealed record IssuedAccessToken(string Token, DateTimeOffset ExpiresAt);
