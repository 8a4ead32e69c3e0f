using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grocery.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Grocery.Identity.Tests;

/// <summary>An Identity host whose key store, rotation job and token issuer read a clock the test moves.</summary>
public sealed class FakeClockIdentityApp(IdentityInfrastructure infrastructure) : IAsyncLifetime
{
    public static readonly TimeSpan ActivationDelay = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    /// <summary>The fixed part of SigningKeyStore's publication grace, for replicas' clock skew.</summary>
    public static readonly TimeSpan SkewMargin = TimeSpan.FromMinutes(2);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public IdentityApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await IdentityApp.StartAsync(infrastructure,
        new Dictionary<string, string?>
        {
            ["Identity:SigningKeys:ActivationDelay"] = ActivationDelay.ToString(),
            ["Identity:SigningKeys:CacheDuration"] = CacheDuration.ToString(),
            ["Identity:SigningKeys:CheckInterval"] = "00:05:00",
            ["Identity:AccessTokenLifetime"] = AccessTokenLifetime.ToString(),
        },
        time: Clock);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class KeyRetirementTests(FakeClockIdentityApp shared) : IClassFixture<FakeClockIdentityApp>
{
    private readonly IdentityApp _app = shared.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Once_every_token_of_a_rotated_key_has_expired_the_key_leaves_the_jwks_and_its_tokens_are_refused()
    {
        var (shopper, _, email, before) = await _app.NewShopperAsync();
        var admin = await _app.AdminClientAsync();
        var oldKid = JwtParts.Kid(before.AccessToken);
        var rotation = await (await admin.PostAsync("/api/v1/auth/signing-keys/rotate", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var newKid = rotation.GetProperty("keyId").GetString()!;
        var retiredAt = rotation.GetProperty("activatesAt").GetDateTimeOffset();

        shared.Clock.SetUtcNow(retiredAt + TimeSpan.FromSeconds(1));
        var after = await IdentityApp.LoginTokensAsync(shopper, email);
        var publishedWhileLive = await PublishedKidsAsync();
        using var oldWhileLive = await MeAsync(before.AccessToken);

        // The longest an old-key token can live: signed just before retirement from a replica's cache, plus skew.
        shared.Clock.SetUtcNow(retiredAt + FakeClockIdentityApp.CacheDuration + FakeClockIdentityApp.AccessTokenLifetime
            + FakeClockIdentityApp.SkewMargin + TimeSpan.FromSeconds(1));
        var publishedAfterExpiry = await PublishedKidsAsync();
        using var oldAfterExpiry = await MeAsync(before.AccessToken);
        using var newAfterExpiry = await MeAsync(after.AccessToken);
        var rowDeleted = await EventuallyDeletedAsync(oldKid);

        Assert.Equal(newKid, JwtParts.Kid(after.AccessToken));
        Assert.Contains(oldKid, publishedWhileLive);
        Assert.Equal(HttpStatusCode.OK, oldWhileLive.StatusCode);
        Assert.DoesNotContain(oldKid, publishedAfterExpiry);
        Assert.Contains(newKid, publishedAfterExpiry);
        Assert.Equal(HttpStatusCode.Unauthorized, oldAfterExpiry.StatusCode);
        Assert.Contains("signature key was not found", oldAfterExpiry.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, newAfterExpiry.StatusCode);
        Assert.True(rowDeleted, "The rotation job never deleted the retired key's row.");
    }

    private async Task<List<string>> PublishedKidsAsync()
    {
        using var client = _app.NewClient();
        return (await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json", Ct))
            .GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();
    }

    private async Task<HttpResponseMessage> MeAsync(string token)
    {
        using var client = _app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/me", Ct);
    }

    /// <summary>The rotation job runs on the moved clock's timer, in the background.</summary>
    private async Task<bool> EventuallyDeletedAsync(string kid)
    {
        await using var db = new IdentityDbContext(new DbContextOptionsBuilder<IdentityDbContext>().UseNpgsql(_app.ConnectionString).Options);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (!await db.SigningKeys.AnyAsync(k => k.KeyId == kid, Ct)) return true;
            await Task.Delay(200, Ct);
        }
        return false;
    }
}
