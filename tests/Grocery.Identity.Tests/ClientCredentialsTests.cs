using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grocery.ServiceDefaults.ServiceTokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Grocery.Identity.Tests.ServiceClientIdentityApp;

namespace Grocery.Identity.Tests;

/// <summary>The client-credentials grant, and another service built on ServiceDefaults using what it issues.</summary>
public sealed class ClientCredentialsTests(ServiceClientIdentityApp shared) : IClassFixture<ServiceClientIdentityApp>, IAsyncLifetime
{
    private const string IdentityAddress = "http://identity.test";
    private readonly IdentityApp _identity = shared.App;
    private WebApplication _service = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identity:JwksUri"] = $"{IdentityAddress}/.well-known/jwks.json",
            ["ServiceAuth:ClientId"] = Ordering,
            ["ServiceAuth:ClientSecret"] = OrderingSecret,
            ["ServiceAuth:TokenEndpoint"] = $"{IdentityAddress}/api/v1/auth/token",
        });
        builder.AddServiceDefaults();
        builder.AddServiceTokens();
        // The service's JWKS, token and API clients all reach the in-process Identity.
        builder.Services.AddHttpClient("identity-jwks").ConfigurePrimaryHttpMessageHandler(() => _identity.Server.CreateHandler());
        builder.Services.AddHttpClient("identity-service-token").ConfigurePrimaryHttpMessageHandler(() => _identity.Server.CreateHandler());
        builder.Services.AddHttpClient("identity-api", c => c.BaseAddress = new Uri(IdentityAddress))
            .ConfigurePrimaryHttpMessageHandler(() => _identity.Server.CreateHandler())
            .AddServiceToken();
        _service = builder.Build();
        _service.MapDefaultEndpoints();
        _service.MapGet("/api/v1/internal", () => "ok").RequireAuthorization(GroceryPolicies.Service);
        await _service.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task The_right_secret_gets_a_service_token_without_a_refresh_token_for_the_configured_lifetime()
    {
        using var client = _identity.NewClient();
        var (_, _, _, userTokens) = await _identity.NewShopperAsync();

        var response = await RequestTokenAsync(client, Ordering, OrderingSecret, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "a token response must not be cached");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal((int)AccessTokenLifetime.TotalSeconds, body.GetProperty("expires_in").GetInt32());
        Assert.False(body.TryGetProperty("refresh_token", out _));
        Assert.False(body.TryGetProperty("refreshToken", out _));
        var claims = JwtParts.PayloadJson(body.GetProperty("access_token").GetString()!);
        var userClaims = JwtParts.PayloadJson(userTokens.AccessToken);
        Assert.Equal($"client:{Ordering}", claims.GetProperty("sub").GetString());
        Assert.Equal(Ordering, claims.GetProperty("client_id").GetString());
        Assert.Equal(GroceryRoles.Service, claims.GetProperty("role").GetString());
        Assert.Equal(userClaims.GetProperty("iss").GetString(), claims.GetProperty("iss").GetString());
        Assert.Equal(userClaims.GetProperty("aud").GetString(), claims.GetProperty("aud").GetString());
        Assert.Equal(AccessTokenLifetime.TotalSeconds, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.False(claims.TryGetProperty(WarehouseAssignment.ClaimType, out _));
    }

    [Fact]
    public async Task Another_service_accepts_the_service_token_on_a_service_endpoint_and_refuses_a_shoppers_token_there()
    {
        using var client = _identity.NewClient();
        var token = (await (await RequestTokenAsync(client, Delivery, DeliverySecret, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct))
            .GetProperty("access_token").GetString()!;
        var (_, _, _, shopper) = await _identity.NewShopperAsync();

        Assert.Equal(HttpStatusCode.OK, await CallServiceAsync("/api/v1/internal", token));
        Assert.Equal(HttpStatusCode.Forbidden, await CallServiceAsync("/api/v1/internal", shopper.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallServiceAsync("/api/v1/internal", token[..^4] + "AAAA"));
    }

    [Fact]
    public async Task A_service_using_AddServiceTokens_obtains_its_token_from_Identity_and_reads_a_shoppers_contact()
    {
        var (_, userId, email, _) = await _identity.NewShopperAsync();
        var api = _service.Services.GetRequiredService<IHttpClientFactory>().CreateClient("identity-api");
        var issuedBefore = IssuedTo(Ordering);

        var first = await api.GetAsync($"/api/v1/users/{userId}/contact", Ct);
        var second = await api.GetAsync($"/api/v1/users/{userId}/contact", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(email, (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("email").GetString());
        // One token served both calls.
        Assert.Equal(issuedBefore + 1, IssuedTo(Ordering));
    }

    [Theory]
    [InlineData(Ordering, "not-the-secret")]
    [InlineData(Ordering, DeliverySecret)]
    [InlineData("billing", OrderingSecret)]
    [InlineData(Ordering, "")]
    [InlineData("", OrderingSecret)]
    public async Task A_wrong_secret_or_an_unknown_client_is_401_invalid_client_and_no_secret_is_logged(string clientId, string secret)
    {
        using var client = _identity.NewClient();

        var response = await RequestTokenAsync(client, clientId, secret, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("invalid_client", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("access_token", body);
        foreach (var value in new[] { OrderingSecret, DeliverySecret, "not-the-secret" })
        {
            Assert.DoesNotContain(_identity.Logs.Entries, l => l.Contains(value, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("password")]
    [InlineData("refresh_token")]
    [InlineData("authorization_code")]
    public async Task Any_other_grant_type_is_400_unsupported_grant_type(string grantType)
    {
        using var client = _identity.NewClient();

        var response = await RequestTokenAsync(client,
            Form(("grant_type", grantType), ("client_id", Ordering), ("client_secret", OrderingSecret)), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_request_that_is_not_form_encoded_is_415_and_one_without_a_grant_type_is_400_invalid_request()
    {
        using var client = _identity.NewClient();

        var json = await client.PostAsJsonAsync("/api/v1/auth/token",
            new { grant_type = "client_credentials", client_id = Ordering, client_secret = OrderingSecret }, Ct);
        var noGrant = await RequestTokenAsync(client, Form(("client_id", Ordering), ("client_secret", OrderingSecret)), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noGrant.StatusCode);
        Assert.Equal("invalid_request", (await noGrant.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_client_may_authenticate_with_HTTP_Basic_as_RFC_6749_requires()
    {
        using var client = _identity.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = new FormUrlEncodedContent(Form(("grant_type", "client_credentials"))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Delivery}:{DeliverySecret}")));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = new FormUrlEncodedContent(Form(("grant_type", "client_credentials"))),
        };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Delivery}:{OrderingSecret}")));

        var response = await client.SendAsync(request, Ct);
        var refused = await client.SendAsync(wrong, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString()!;
        Assert.Equal($"client:{Delivery}", JwtParts.PayloadJson(token).GetProperty("sub").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic", refused.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Token_requests_from_one_address_are_rate_limited_like_logins()
    {
        using var client = _identity.NewClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 31; i++) statuses.Add((await RequestTokenAsync(client, "billing", "guess-" + i, Ct)).StatusCode);

        Assert.All(statuses[..30], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
    }

    private int IssuedTo(string clientId) =>
        _identity.Logs.Entries.Count(l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains($"Issued a service token to {clientId} ", StringComparison.Ordinal));

    private async Task<HttpStatusCode> CallServiceAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _service.GetTestClient().SendAsync(request, Ct)).StatusCode;
    }
}
