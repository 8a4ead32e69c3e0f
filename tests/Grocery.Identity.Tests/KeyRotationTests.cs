using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Identity.Tests;

/// <summary>An Identity host whose rotated keys start signing ten seconds after they are published.</summary>
public sealed class QuickRotationIdentityApp(IdentityInfrastructure infrastructure) : IAsyncLifetime
{
    public IdentityApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await IdentityApp.StartAsync(infrastructure,
        new Dictionary<string, string?>
        {
            ["Identity:SigningKeys:ActivationDelay"] = "00:00:10",
            // The test logs in repeatedly until the new key signs; the per-account limit is not under test here.
            ["Identity:RateLimits:LoginPerAccount:PermitLimit"] = "1000",
        });

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class KeyRotationTests(QuickRotationIdentityApp shared) : IClassFixture<QuickRotationIdentityApp>
{
    private readonly IdentityApp _app = shared.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rotated_key_is_published_before_it_signs_then_signs_while_tokens_of_the_old_key_stay_valid()
    {
        var (shopper, _, email, before) = await _app.NewShopperAsync();
        var admin = await _app.AdminClientAsync();
        var oldKid = JwtParts.Kid(before.AccessToken);

        var rotation = await admin.PostAsync("/api/v1/auth/signing-keys/rotate", null, Ct);
        var newKid = (await rotation.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("keyId").GetString()!;
        var duringPublication = await IdentityApp.LoginTokensAsync(shopper, email);
        var published = await PublishedKidsAsync(shopper);
        var after = await EventuallySignedWithAsync(shopper, email, newKid);
        var refreshed = await shopper.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = before.RefreshToken }, Ct);

        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(oldKid, JwtParts.Kid(duringPublication.AccessToken));
        Assert.Contains(oldKid, published);
        Assert.Contains(newKid, published);
        Assert.Equal(newKid, JwtParts.Kid((await refreshed.Content.ReadFromJsonAsync<Accounts.TokenResponse>(Ct))!.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(before.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(after.AccessToken));
        Assert.Contains(oldKid, await PublishedKidsAsync(shopper));
    }

    private async Task<Accounts.TokenResponse> EventuallySignedWithAsync(HttpClient client, string email, string kid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var tokens = await IdentityApp.LoginTokensAsync(client, email);
            if (JwtParts.Kid(tokens.AccessToken) == kid) return tokens;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Tokens were never signed with {kid}.");
            await Task.Delay(250, Ct);
        }
    }

    private static async Task<List<string>> PublishedKidsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json", Ct))
            .GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        using var client = _app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/me", Ct)).StatusCode;
    }
}
