using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Identity.Tests;

public sealed class KeyRotationTests(SharedIdentityApp shared) : IClassFixture<SharedIdentityApp>
{
    private readonly IdentityApp _app = shared.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_rotation_old_tokens_stay_valid_new_tokens_use_the_new_kid_and_both_keys_are_published()
    {
        var (shopper, _, email, before) = await _app.NewShopperAsync();
        var admin = await _app.AdminClientAsync();
        var oldKid = JwtParts.Kid(before.AccessToken);

        var rotation = await admin.PostAsync("/api/v1/auth/signing-keys/rotate", null, Ct);
        var newKid = (await rotation.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("keyId").GetString();
        var after = await IdentityApp.LoginTokensAsync(shopper, email);
        var refreshed = await shopper.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = before.RefreshToken }, Ct);
        var jwks = await shopper.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json", Ct);

        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(newKid, JwtParts.Kid(after.AccessToken));
        Assert.Equal(newKid, JwtParts.Kid((await refreshed.Content.ReadFromJsonAsync<Accounts.TokenResponse>(Ct))!.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(before.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(after.AccessToken));
        var kids = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(oldKid, kids);
        Assert.Contains(newKid, kids);
    }

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        using var client = _app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/me", Ct)).StatusCode;
    }
}
