using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grocery.Identity.Tests;

/// <summary>Another service built on ServiceDefaults trusts the tokens Identity issues, before and after a rotation.</summary>
public sealed class ServiceDefaultsInteropTests(SharedIdentityApp shared) : IClassFixture<SharedIdentityApp>, IAsyncLifetime
{
    private readonly IdentityApp _identity = shared.App;
    private WebApplication _service = null!;
    private HttpClient _client = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identity:JwksUri"] = "http://identity.test/.well-known/jwks.json",
        });
        builder.AddServiceDefaults();
        // ServiceDefaults fetches the JWKS with this named client; route it to the in-process Identity.
        builder.Services.AddHttpClient("identity-jwks").ConfigurePrimaryHttpMessageHandler(() => _identity.Server.CreateHandler());
        _service = builder.Build();
        _service.MapDefaultEndpoints();
        _service.MapGet("/api/v1/mine", () => "ok").RequireAuthorization(GroceryPolicies.Customer);
        _service.MapGet("/api/v1/picking", () => "ok").RequireAuthorization(GroceryPolicies.Picker);
        await _service.StartAsync(Ct);
        _client = _service.GetTestClient();
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_service_using_ServiceDefaults_accepts_Identity_tokens_and_enforces_roles_across_a_key_rotation()
    {
        var (shopper, _, email, before) = await _identity.NewShopperAsync();

        var mine = await GetAsync("/api/v1/mine", before.AccessToken);
        var picking = await GetAsync("/api/v1/picking", before.AccessToken);
        var admin = await _identity.AdminClientAsync();
        // Immediate (the compromised-key path): the service meets the new kid before its scheduled JWKS refresh.
        (await admin.PostAsync("/api/v1/auth/signing-keys/rotate?immediate=true", null, Ct)).EnsureSuccessStatusCode();
        var after = await IdentityApp.LoginTokensAsync(shopper, email);

        Assert.Equal(HttpStatusCode.OK, mine);
        Assert.Equal(HttpStatusCode.Forbidden, picking);
        Assert.NotEqual(JwtParts.Kid(before.AccessToken), JwtParts.Kid(after.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/v1/mine", before.AccessToken));
        // ServiceDefaults refetches the JWKS in the background on an unknown kid, so acceptance follows within moments.
        Assert.True(await EventuallyAcceptedAsync(after.AccessToken), "the token signed by the new key was never accepted");
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/v1/mine", before.AccessToken));
    }

    private async Task<bool> EventuallyAcceptedAsync(string token)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await GetAsync("/api/v1/mine", token) == HttpStatusCode.OK) return true;
            await Task.Delay(200, Ct);
        }
        return false;
    }

    private async Task<HttpStatusCode> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _client.SendAsync(request, Ct)).StatusCode;
    }
}
