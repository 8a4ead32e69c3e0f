using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Grocery.Identity.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.Identity.Tests;

public sealed class TokenValidationTests(SharedIdentityApp shared) : IClassFixture<SharedIdentityApp>
{
    private readonly IdentityApp _app = shared.App;

    [Fact]
    public async Task A_login_returns_an_RS256_token_with_kid_subject_roles_id_issuer_audience_and_a_ten_minute_lifetime()
    {
        var (_, userId, _, tokens) = await _app.NewShopperAsync();

        var header = System.Text.Json.JsonDocument.Parse(JwtParts.Header(tokens.AccessToken)).RootElement;
        var payload = JwtParts.PayloadJson(tokens.AccessToken);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(header.GetProperty("kid").GetString()));
        Assert.Equal(userId.ToString(), payload.GetProperty("sub").GetString());
        Assert.Equal("customer", payload.GetProperty("role").ValueKind == System.Text.Json.JsonValueKind.Array
            ? payload.GetProperty("role")[0].GetString() : payload.GetProperty("role").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("jti").GetString()));
        Assert.Equal("https://identity.grocery.local", payload.GetProperty("iss").GetString());
        Assert.Equal("grocery", payload.GetProperty("aud").GetString());
        Assert.Equal(600, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal(600, tokens.ExpiresIn);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
    }

    [Fact]
    public async Task The_profile_endpoint_accepts_the_issued_token()
    {
        var (client, userId, email, _) = await _app.NewShopperAsync();

        var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(userId.ToString(), body);
        Assert.Contains(email, body);
    }

    public static TheoryData<string> BadTokens => ["missing", "expired", "other-key-same-kid", "other-key-unknown-kid", "alg-none", "tampered-payload", "wrong-audience", "wrong-issuer", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_protected_endpoint_answers_401_to_a_bad_token(string kind)
    {
        var (_, userId, _, tokens) = await _app.NewShopperAsync();
        var token = await BadTokenAsync(kind, userId, tokens.AccessToken);
        using var client = _app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_on_an_admin_endpoint_is_forbidden()
    {
        var (client, userId, _, _) = await _app.NewShopperAsync();

        var roles = await client.GetAsync($"/api/v1/users/{userId}/roles", TestContext.Current.CancellationToken);
        var grant = await client.PutAsync($"/api/v1/users/{userId}/roles/admin", null, TestContext.Current.CancellationToken);
        var rotate = await client.PostAsync("/api/v1/auth/signing-keys/rotate", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, roles.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, grant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rotate.StatusCode);
    }

    private async Task<string?> BadTokenAsync(string kind, Guid userId, string valid)
    {
        var now = DateTime.UtcNow;
        var ownKey = await _app.Services.GetRequiredService<SigningKeyStore>().GetSigningCredentialsAsync(CancellationToken.None);
        string Sign(SigningCredentials credentials, string issuer = "https://identity.grocery.local", string audience = "grocery",
            DateTime? expires = null) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = audience,
                Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", "customer")]),
                IssuedAt = (expires ?? now.AddMinutes(5)).AddMinutes(-10),
                NotBefore = (expires ?? now.AddMinutes(5)).AddMinutes(-10),
                Expires = expires ?? now.AddMinutes(5),
                SigningCredentials = credentials,
            });
        SigningCredentials Foreign(string kid) =>
            new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid }, SecurityAlgorithms.RsaSha256);
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

        return kind switch
        {
            "missing" => null,
            "expired" => Sign(ownKey, expires: now.AddMinutes(-2)),
            "other-key-same-kid" => Sign(Foreign(ownKey.Key.KeyId)),
            "other-key-unknown-kid" => Sign(Foreign(Guid.NewGuid().ToString("N"))),
            "alg-none" => Encode("""{"alg":"none","typ":"JWT"}""") + "." + valid.Split('.')[1] + ".",
            "tampered-payload" => valid.Split('.')[0] + "." +
                Encode(JwtParts.Payload(valid).Replace("\"customer\"", "\"admin\"")) + "." + valid.Split('.')[2],
            "wrong-audience" => Sign(ownKey, audience: "someone-else"),
            "wrong-issuer" => Sign(ownKey, issuer: "https://evil.example"),
            "garbage" => "not-a-token",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
