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
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<IssuedAccessToken> IssueAsync(Guid userId, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var credentials = await keys.GetSigningCredentialsAsync(cancellationToken);
        var now = time.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, userId.ToString()),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Order(StringComparer.Ordinal).Select(r => new Claim("role", r)));
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
