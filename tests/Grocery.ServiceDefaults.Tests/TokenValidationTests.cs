using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Grocery.ServiceDefaults.Tests;

public sealed class TokenValidationTests : IAsyncLifetime
{
    private TestIdentityServer _identity = null!;
    private TestIdentityServer _otherIssuerKey = null!;
    private ServiceHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await TestIdentityServer.StartAsync();
        _otherIssuerKey = await TestIdentityServer.StartAsync();
        _host = await ServiceHost.StartAsync(_identity);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _identity.DisposeAsync();
        await _otherIssuerKey.DisposeAsync();
    }

    private async Task<HttpStatusCode> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _host.Client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }

    [Fact]
    public async Task A_valid_customer_token_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/v1/mine", _identity.CreateToken("user-1", GroceryRoles.Customer)));
    }

    [Fact]
    public async Task No_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/v1/mine", null));
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var token = _identity.CreateToken("user-1", [GroceryRoles.Customer], lifetime: TimeSpan.FromMinutes(-5));

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/v1/mine", token));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/v1/mine", _otherIssuerKey.CreateToken("user-1", GroceryRoles.Customer)));
    }

    [Fact]
    public async Task A_token_for_another_audience_or_issuer_is_401()
    {
        var wrongAudience = _identity.CreateToken("user-1", [GroceryRoles.Customer], TimeSpan.FromMinutes(5), audience: "someone-else");
        var wrongIssuer = _identity.CreateToken("user-1", [GroceryRoles.Customer], TimeSpan.FromMinutes(5), issuer: "https://evil.example");

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/v1/mine", wrongAudience));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/v1/mine", wrongIssuer));
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_401()
    {
        var valid = _identity.CreateToken("user-1", GroceryRoles.Admin);
        var payload = valid.Split('.')[1];
        var header = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/v1/admin", $"{header}.{payload}."));
    }

    [Fact]
    public async Task A_tampered_payload_is_401()
    {
        var parts = _identity.CreateToken("user-1", GroceryRoles.Customer).Split('.');
        var claims = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"customer\"", "\"admin\"");

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/v1/admin", $"{parts[0]}.{Base64Url(claims)}.{parts[2]}"));
    }

    [Theory]
    [InlineData("/api/v1/picking", GroceryRoles.Customer, HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/picking", GroceryRoles.Picker, HttpStatusCode.OK)]
    [InlineData("/api/v1/picking", GroceryRoles.StoreManager, HttpStatusCode.OK)]
    [InlineData("/api/v1/manage", GroceryRoles.Picker, HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/manage", GroceryRoles.StoreManager, HttpStatusCode.OK)]
    [InlineData("/api/v1/admin", GroceryRoles.StoreManager, HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/admin", GroceryRoles.Admin, HttpStatusCode.OK)]
    public async Task Staff_policies_admit_their_role_and_those_above_it(string path, string role, HttpStatusCode expected)
    {
        Assert.Equal(expected, await GetAsync(path, _identity.CreateToken("user-1", role)));
    }

    [Fact]
    public async Task The_first_token_signed_after_a_key_rotation_is_accepted_and_older_tokens_still_are()
    {
        var before = _identity.CreateToken("user-1", GroceryRoles.Customer);
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/v1/mine", before));

        _identity.RotateKey();
        var after = _identity.CreateToken("user-1", GroceryRoles.Customer);

        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/v1/mine", after));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/v1/mine", before));
    }

    [Fact]
    public async Task A_token_naming_an_unpublished_key_is_still_401_after_the_recovery_read()
    {
        await using var stranger = await TestIdentityServer.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/v1/mine", stranger.CreateToken("user-1", GroceryRoles.Customer)));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/v1/admin", stranger.CreateToken("user-1", GroceryRoles.Admin)));
    }

    private static string Base64Url(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
}
