using System.Net;
using System.Net.Http.Json;
using Grocery.Identity.Accounts;

namespace Grocery.Identity.Tests;

public sealed class SecretHygieneTests(SharedIdentityApp shared) : IClassFixture<SharedIdentityApp>
{
    private readonly IdentityApp _app = shared.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Passwords_and_refresh_tokens_never_appear_in_logs_or_in_responses_other_than_the_token_response()
    {
        const string weakPassword = "weakling";
        const string wrongPassword = "Wrong-pass-guess-31";
        const string newPassword = "Dragon-fruit-market-8";
        var secrets = new List<string> { IdentityApp.Password, weakPassword, wrongPassword, newPassword, IdentityApp.AdminPassword };
        var bodies = new List<string>();
        using var client = _app.NewClient();
        var email = IdentityApp.NewEmail();

        bodies.Add(await BodyAsync(await client.PostAsJsonAsync("/api/v1/auth/register", new { email = IdentityApp.NewEmail(), password = weakPassword }, Ct)));
        bodies.Add(await BodyAsync(await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = IdentityApp.Password, name = "Hoa" }, Ct)));
        bodies.Add(await BodyAsync(await IdentityApp.LoginAsync(client, email, wrongPassword)));
        var login = await IdentityApp.LoginTokensAsync(client, email);
        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken }, Ct);
        var second = (await refreshed.Content.ReadFromJsonAsync<TokenResponse>(Ct))!;
        bodies.Add(await BodyAsync(await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken }, Ct)));
        client.DefaultRequestHeaders.Authorization = new("Bearer", second.AccessToken);
        bodies.Add(await BodyAsync(await client.PostAsJsonAsync("/api/v1/auth/change-password", new { currentPassword = wrongPassword, newPassword }, Ct)));
        bodies.Add(await BodyAsync(await client.PostAsJsonAsync("/api/v1/auth/change-password", new { currentPassword = IdentityApp.Password, newPassword = weakPassword }, Ct)));
        bodies.Add(await BodyAsync(await client.PostAsJsonAsync("/api/v1/auth/change-password", new { currentPassword = IdentityApp.Password, newPassword }, Ct)));
        bodies.Add(await BodyAsync(await client.GetAsync("/api/v1/me", Ct)));
        bodies.Add(await BodyAsync(await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = second.RefreshToken }, Ct)));
        await _app.AdminClientAsync();
        secrets.Add(login.RefreshToken);
        secrets.Add(second.RefreshToken);

        var logs = _app.Logs.Entries.ToList();
        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.Contains("Refresh token reuse detected"));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(bodies, b => b.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
