using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grocery.Identity.Accounts;
using Npgsql;

namespace Grocery.Identity.Tests;

public sealed class AccountTests(SharedIdentityApp shared) : IClassFixture<SharedIdentityApp>
{
    private readonly IdentityApp _app = shared.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registering_with_a_weak_password_is_a_validation_problem_naming_the_password()
    {
        using var client = _app.NewClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = IdentityApp.NewEmail(), password = "short1" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Registering_an_email_twice_conflicts_whatever_its_case()
    {
        using var client = _app.NewClient();
        var email = IdentityApp.NewEmail();
        await _app.RegisterAsync(client, email);

        var again = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = email.ToUpperInvariant(), password = IdentityApp.Password }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_401_and_gives_no_tokens()
    {
        using var client = _app.NewClient();
        var email = IdentityApp.NewEmail();
        await _app.RegisterAsync(client, email);

        var response = await IdentityApp.LoginAsync(client, email, "Wrong-password-99");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_refresh_token_is_single_use_and_reusing_a_spent_one_revokes_the_whole_family()
    {
        var (client, _, _, first) = await _app.NewShopperAsync();

        var second = await RefreshAsync(client, first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var secondTokens = (await second.Content.ReadFromJsonAsync<TokenResponse>(Ct))!;
        Assert.NotEqual(first.RefreshToken, secondTokens.RefreshToken);

        var replay = await RefreshAsync(client, first.RefreshToken);
        var afterRevocation = await RefreshAsync(client, secondTokens.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevocation.StatusCode);
    }

    [Fact]
    public async Task Another_login_session_survives_when_one_family_is_revoked()
    {
        var (client, _, email, first) = await _app.NewShopperAsync();
        var other = await IdentityApp.LoginTokensAsync(client, email);
        await RefreshAsync(client, first.RefreshToken);

        await RefreshAsync(client, first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(client, other.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        var (client, _, _, tokens) = await _app.NewShopperAsync();

        var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = tokens.RefreshToken }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, tokens.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_signs_every_session_out()
    {
        var (client, _, email, tokens) = await _app.NewShopperAsync();
        const string newPassword = "Ripe-mango-season-7";

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/change-password", new { currentPassword = "Not-the-one-123", newPassword }, Ct);
        var right = await client.PostAsJsonAsync("/api/v1/auth/change-password", new { currentPassword = IdentityApp.Password, newPassword }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, tokens.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await IdentityApp.LoginAsync(client, email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await IdentityApp.LoginAsync(client, email, newPassword)).StatusCode);
    }

    [Fact]
    public async Task The_profile_is_updated_and_a_phone_outside_E164_is_rejected_naming_the_field()
    {
        var (client, _, email, _) = await _app.NewShopperAsync();

        var bad = await client.PutAsJsonAsync("/api/v1/me", new { name = "Lan", phone = "0901 234 567" }, Ct);
        var good = await client.PutAsJsonAsync("/api/v1/me",
            new { name = "Lan Tran", phone = "+84901234567", defaultSubstitution = "none", marketingConsent = true }, Ct);
        var profile = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("phone", out _));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("Lan Tran", profile.GetProperty("name").GetString());
        Assert.Equal("+84901234567", profile.GetProperty("phone").GetString());
        Assert.Equal("none", profile.GetProperty("defaultSubstitution").GetString());
        Assert.True(profile.GetProperty("marketingConsent").GetBoolean());
        Assert.Equal(email, profile.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Addresses_are_created_once_per_idempotency_key_listed_updated_and_deleted()
    {
        var (client, _, _, _) = await _app.NewShopperAsync();
        var body = new { label = "Home", street = "12 Nguyen Hue", ward = "Ben Nghe", district = "District 1", city = "Ho Chi Minh City", isDefault = true };

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/addresses") { Content = JsonContent.Create(body) };
        create.Headers.Add("Idempotency-Key", "addr-1");
        var created = await client.SendAsync(create, Ct);
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/addresses") { Content = JsonContent.Create(body) };
        retry.Headers.Add("Idempotency-Key", "addr-1");
        var retried = await client.SendAsync(retry, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(id, (await retried.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/addresses", Ct);
        Assert.Equal(1, list.GetArrayLength());
        Assert.Equal("12 Nguyen Hue", list[0].GetProperty("street").GetString());

        var updated = await client.PutAsJsonAsync($"/api/v1/me/addresses/{id}", body with { street = "99 Le Loi" }, Ct);
        Assert.Equal("99 Le Loi", (await updated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("street").GetString());

        var missingCity = await client.PostAsJsonAsync("/api/v1/me/addresses", new { street = "1 A", district = "D1" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missingCity.StatusCode);
        Assert.True((await missingCity.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("city", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/me/addresses/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/me/addresses/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_customers_address_is_not_found_for_reading_changing_or_deleting()
    {
        var (owner, _, _, _) = await _app.NewShopperAsync();
        var (stranger, _, _, _) = await _app.NewShopperAsync();
        var body = new { street = "5 Hang Bac", district = "Hoan Kiem", city = "Ha Noi" };
        var id = (await (await owner.PostAsJsonAsync("/api/v1/me/addresses", body, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/me/addresses/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/v1/me/addresses/{id}", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/me/addresses/{id}", Ct)).StatusCode);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>("/api/v1/me/addresses", Ct)).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/me/addresses/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_account_erases_personal_data_and_publishes_UserDeleted_through_the_outbox()
    {
        var (client, userId, email, tokens) = await _app.NewShopperAsync();
        await client.PutAsJsonAsync("/api/v1/me", new { name = "Lan", phone = "+84901234567" }, Ct);
        await client.PostAsJsonAsync("/api/v1/me/addresses", new { street = "7 Dong Khoi", district = "D1", city = "HCMC" }, Ct);

        var deleted = await client.DeleteAsync("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await IdentityApp.LoginAsync(client, email)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, tokens.RefreshToken)).StatusCode);

        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var user = new NpgsqlCommand(
            "SELECT email, normalized_email, password_hash, display_name, protected_phone, deleted_at IS NOT NULL FROM users WHERE id = @id", connection))
        {
            user.Parameters.AddWithValue("id", userId);
            await using var reader = await user.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            for (var i = 0; i < 5; i++) Assert.True(reader.IsDBNull(i), $"column {reader.GetName(i)} kept data");
            Assert.True(reader.GetBoolean(5));
        }
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM addresses WHERE user_id = @id", userId));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM refresh_tokens WHERE user_id = @id", userId));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM user_roles WHERE user_id = @id", userId));

        var events = await EventTypesAsync(connection, userId);
        Assert.Contains(events, e => e.Contains("deleted", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(events, e => e.Contains("registered", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_bootstrap_admin_grants_and_revokes_roles_and_new_tokens_carry_them()
    {
        var admin = await _app.AdminClientAsync();
        var (shopper, userId, email, _) = await _app.NewShopperAsync();

        var grant = await admin.PutAsync($"/api/v1/users/{userId}/roles/picker", null, Ct);
        var unknown = await admin.PutAsync($"/api/v1/users/{userId}/roles/wizard", null, Ct);
        var missingUser = await admin.PutAsync($"/api/v1/users/{Guid.NewGuid()}/roles/picker", null, Ct);
        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users?email={Uri.EscapeDataString(email)}", Ct);
        var pickerToken = (await IdentityApp.LoginTokensAsync(shopper, email)).AccessToken;
        var revoke = await admin.DeleteAsync($"/api/v1/users/{userId}/roles/picker", Ct);
        var customerToken = (await IdentityApp.LoginTokensAsync(shopper, email)).AccessToken;

        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingUser.StatusCode);
        Assert.Equal(userId, found.GetProperty("id").GetGuid());
        Assert.Equal(["customer", "picker"], JwtParts.PayloadJson(pickerToken).GetProperty("role").EnumerateArray().Select(r => r.GetString()!).Order().ToArray());
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("customer", JwtParts.PayloadJson(customerToken).GetProperty("role").ToString());
    }

    [Fact]
    public async Task The_last_admin_cannot_lose_the_admin_role()
    {
        var admin = await _app.AdminClientAsync();
        var adminId = JwtParts.PayloadJson(admin.DefaultRequestHeaders.Authorization!.Parameter!).GetProperty("sub").GetGuid();

        var response = await admin.DeleteAsync($"/api/v1/users/{adminId}/roles/admin", Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task The_JWKS_and_discovery_documents_name_the_fixed_issuer_and_the_signing_key()
    {
        var (_, _, _, tokens) = await _app.NewShopperAsync();
        using var client = _app.NewClient();

        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json", Ct);
        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Ct);

        var key = jwks.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == JwtParts.Kid(tokens.AccessToken));
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.Equal("https://identity.grocery.local", discovery.GetProperty("issuer").GetString());
        Assert.Equal("https://identity.grocery.local/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString());
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken }, Ct);

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<List<string>> EventTypesAsync(NpgsqlConnection connection, Guid userId)
    {
        await using var command = new NpgsqlCommand("SELECT event_type FROM messaging.outbox_messages WHERE partition_key = @key", connection);
        command.Parameters.AddWithValue("key", userId.ToString());
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) types.Add(reader.GetString(0));
        return types;
    }
}
