using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.Testing;

/// <summary>
/// Stands in for Grocery.Identity in a single service's tests: publishes a JWKS on a loopback port
/// and signs RS256 tokens with the issuer and audience the services expect. Point a service at it
/// with the configuration from <see cref="ServiceConfiguration"/>.
/// </summary>
public sealed class TestIdentityServer : IAsyncDisposable
{
    public const string Issuer = "https://identity.grocery.local";
    public const string Audience = "grocery";

    private readonly WebApplication _app;
    private readonly List<RsaSecurityKey> _published;
    private RsaSecurityKey _key;

    private TestIdentityServer(WebApplication app, List<RsaSecurityKey> published, string jwksUri)
    {
        _app = app;
        _published = published;
        _key = published[0];
        JwksUri = jwksUri;
    }

    public string JwksUri { get; }

    /// <summary>Configuration keys that make a service trust this server's tokens.</summary>
    public IReadOnlyDictionary<string, string?> ServiceConfiguration => new Dictionary<string, string?>
    {
        ["Identity:Issuer"] = Issuer,
        ["Identity:Audience"] = Audience,
        ["Identity:JwksUri"] = JwksUri,
    };

    public static async Task<TestIdentityServer> StartAsync()
    {
        var published = new List<RsaSecurityKey> { NewKey() };
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/.well-known/jwks.json", () =>
        {
            lock (published) return Results.Text(Jwks(published), "application/json");
        });
        await app.StartAsync();
        return new TestIdentityServer(app, published, $"http://127.0.0.1:{port}/.well-known/jwks.json");
    }

    /// <summary>Publishes a new key and signs every later token with it; earlier keys stay published.</summary>
    public void RotateKey()
    {
        var key = NewKey();
        lock (_published) _published.Add(key);
        _key = key;
    }

    private static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };

    private static string Jwks(IEnumerable<RsaSecurityKey> keys) => JsonSerializer.Serialize(new
    {
        keys = keys.Select(JsonWebKeyConverter.ConvertFromRSASecurityKey)
            .Select(jwk => new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E })
            .ToArray(),
    });

    /// <summary>A valid access token for <paramref name="userId"/> with the given roles.</summary>
    public string CreateToken(string userId, params string[] roles) =>
        CreateToken(userId, roles, TimeSpan.FromMinutes(15));

    /// <summary>A staff token: the roles and the warehouse the member of staff is assigned to (claim "warehouse").</summary>
    public string CreateStaffToken(string userId, Guid warehouseId, params string[] roles) =>
        CreateToken(userId, roles, TimeSpan.FromMinutes(15), extraClaims: [new Claim("warehouse", warehouseId.ToString())]);

    public string CreateToken(string userId, IEnumerable<string> roles, TimeSpan lifetime, string? audience = null, string? issuer = null,
        IEnumerable<Claim>? extraClaims = null)
    {
        var claims = new List<Claim> { new("sub", userId) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        claims.AddRange(extraClaims ?? []);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
