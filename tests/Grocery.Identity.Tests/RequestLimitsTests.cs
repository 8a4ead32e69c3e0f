using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grocery.Contracts.Delivery;
using Grocery.Identity.Domain;
using Npgsql;

namespace Grocery.Identity.Tests;

/// <summary>Every request field is checked against the limits of what Identity stores; a refused request writes nothing.</summary>
public sealed class RequestLimitsTests(SharedIdentityApp shared) : IClassFixture<SharedIdentityApp>
{
    private readonly IdentityApp _app = shared.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Long(int length, char c = 'x') => new(c, length);

    /// <summary>A JSON object merged into a valid registration, and the field the refusal must name.</summary>
    public static TheoryData<string, string> BadRegistrations => new()
    {
        { $$"""{"email":"{{Long(IdentityLimits.EmailMaxLength - "@grocery.test".Length + 1, 'a')}}@grocery.test"}""", "email" },
        { """{"email":"lan\u0001nguyen@grocery.test"}""", "email" },
        { """{"email":"lan\u0000@grocery.test"}""", "email" },
        { """{"email":null}""", "email" },
        { $$"""{"name":"{{Long(IdentityLimits.DisplayNameMaxLength + 1)}}"}""", "name" },
        { """{"name":"Lan\u0000Nguyen"}""", "name" },
        { """{"name":"Lan\u001bNguyen"}""", "name" },
        { """{"name":"Lan\ud800Nguyen"}""", "name" },
        { $$"""{"password":"{{Long(IdentityLimits.PasswordMaxLength) + "1"}}"}""", "password" },
        { """{"password":null}""", "password" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_registration_outside_the_limits_is_refused_naming_the_field_and_no_account_is_made(string patch, string field)
    {
        var body = new JsonObject { ["email"] = IdentityApp.NewEmail(), ["password"] = IdentityApp.Password, ["name"] = "Lan Nguyen" };
        var before = await CountAsync("SELECT count(*) FROM users WHERE normalized_email IS DISTINCT FROM @admin");
        using var client = _app.NewClient();

        var response = await client.PostAsync("/api/v1/auth/register", JsonBodies.Patched(body, patch), Ct);

        await AssertNamesAsync(response, field);
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM users WHERE normalized_email IS DISTINCT FROM @admin"));
    }

    [Fact]
    public async Task A_login_with_a_control_character_in_the_email_is_refused_naming_it_and_an_overlong_one_is_just_wrong()
    {
        using var client = _app.NewClient();

        var control = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "lan\u0000@grocery.test", password = IdentityApp.Password }, Ct);
        var overlong = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { email = Long(IdentityLimits.EmailMaxLength + 1) + "@grocery.test", password = IdentityApp.Password }, Ct);

        await AssertNamesAsync(control, "email");
        Assert.Equal(HttpStatusCode.Unauthorized, overlong.StatusCode);
    }

    [Theory]
    [InlineData("currentPassword")]
    [InlineData("newPassword")]
    public async Task An_overlong_password_change_is_refused_naming_the_field_and_the_old_password_still_works(string field)
    {
        var (client, _, email, _) = await _app.NewShopperAsync();
        var body = new JsonObject { ["currentPassword"] = IdentityApp.Password, ["newPassword"] = "Another-basil-2027" };
        body[field] = Long(IdentityLimits.PasswordMaxLength) + "1";

        var response = await client.PostAsync("/api/v1/auth/change-password", Json(body), Ct);

        await AssertNamesAsync(response, field);
        Assert.Equal(HttpStatusCode.OK, (await IdentityApp.LoginAsync(_app.NewClient(), email)).StatusCode);
    }

    public static TheoryData<string, string> BadProfiles => new()
    {
        { $$"""{"name":"{{Long(IdentityLimits.DisplayNameMaxLength + 1)}}"}""", "name" },
        { """{"name":"Lan\u0007"}""", "name" },
        { """{"phone":"+84\u00009012345"}""", "phone" },
        { """{"phone":"+8490123456789012"}""", "phone" },
        { """{"phone":"+84901234567\n1"}""", "phone" },
        { """{"defaultSubstitution":"namedSku"}""", "defaultSubstitution" },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public async Task A_profile_outside_the_limits_is_refused_naming_the_field_and_the_profile_is_unchanged(string patch, string field)
    {
        var (client, _, _, _) = await _app.NewShopperAsync();
        var body = new JsonObject { ["name"] = "Lan Tran", ["phone"] = "+84901234567", ["defaultSubstitution"] = "none", ["marketingConsent"] = true };

        var response = await client.PutAsync("/api/v1/me", JsonBodies.Patched(body, patch), Ct);

        await AssertNamesAsync(response, field);
        var profile = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal("Lan Nguyen", profile.GetProperty("name").GetString());
        Assert.True(!profile.TryGetProperty("phone", out var phone) || phone.ValueKind == JsonValueKind.Null);
    }

    public static TheoryData<string, string> BadAddresses => new()
    {
        { $$"""{"street":"{{Long(IdentityLimits.StreetMaxLength + 1)}}"}""", "street" },
        { """{"street":"12\u0000 Lê Lợi"}""", "street" },
        { """{"street":"  "}""", "street" },
        { """{"street":null}""", "street" },
        { $$"""{"district":"{{Long(IdentityLimits.DistrictMaxLength + 1)}}"}""", "district" },
        { """{"district":"Quận\u00011"}""", "district" },
        { $$"""{"city":"{{Long(IdentityLimits.CityMaxLength + 1)}}"}""", "city" },
        { """{"city":"Hồ Chí Minh\u001b"}""", "city" },
        { $$"""{"label":"{{Long(IdentityLimits.AddressLabelMaxLength + 1)}}"}""", "label" },
        { """{"label":"Nhà\u0000"}""", "label" },
        { $$"""{"ward":"{{Long(IdentityLimits.WardMaxLength + 1)}}"}""", "ward" },
        { """{"ward":"Phường\u00021"}""", "ward" },
        { $$"""{"postalCode":"{{Long(AddressLimits.PostcodeMaxLength + 1, '7')}}"}""", "postalCode" },
        { """{"postalCode":"70\u00000"}""", "postalCode" },
    };

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public async Task An_address_outside_the_limits_is_refused_naming_the_field_and_nothing_is_stored_or_changed(string patch, string field)
    {
        var (client, userId, _, _) = await _app.NewShopperAsync();
        var created = await client.PostAsJsonAsync("/api/v1/me/addresses", ValidAddress(), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var address = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var body = ValidAddress();

        var create = await client.PostAsync("/api/v1/me/addresses", JsonBodies.Patched(body, patch), Ct);
        var update = await client.PutAsync($"/api/v1/me/addresses/{address.GetProperty("id").GetGuid()}", JsonBodies.Patched(body, patch), Ct);

        await AssertNamesAsync(create, field);
        await AssertNamesAsync(update, field);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM addresses WHERE user_id = @user", userId));
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/v1/me/addresses/{address.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal("Quận 1", stored.GetProperty("district").GetString());
        Assert.Equal("12 Lê Lợi", stored.GetProperty("street").GetString());
    }

    [Fact]
    public async Task An_overlong_idempotency_key_is_refused_naming_it_and_nothing_is_stored()
    {
        var (client, userId, _, _) = await _app.NewShopperAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/addresses") { Content = Json(ValidAddress()) };
        request.Headers.Add("Idempotency-Key", Long(IdentityLimits.IdempotencyKeyMaxLength + 1, 'k'));

        var response = await client.SendAsync(request, Ct);

        await AssertNamesAsync(response, "Idempotency-Key");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM addresses WHERE user_id = @user", userId));
    }

    [Fact]
    public async Task An_address_and_a_profile_at_every_limit_are_stored_and_read_back()
    {
        var (client, _, _, _) = await _app.NewShopperAsync();
        var address = new JsonObject
        {
            ["label"] = Long(IdentityLimits.AddressLabelMaxLength, 'n'),
            ["street"] = "12 Lê Lợi " + Long(IdentityLimits.StreetMaxLength - 10, 'đ'),
            ["ward"] = Long(IdentityLimits.WardMaxLength, 'p'),
            ["district"] = Long(IdentityLimits.DistrictMaxLength, 'q'),
            ["city"] = Long(IdentityLimits.CityMaxLength, 'c'),
            ["postalCode"] = Long(AddressLimits.PostcodeMaxLength, '7'),
            ["isDefault"] = true,
        };
        var name = "Nguyễn " + Long(IdentityLimits.DisplayNameMaxLength - 7, 'ầ');

        var created = await client.PostAsync("/api/v1/me/addresses", Json(address), Ct);
        var profile = await client.PutAsJsonAsync("/api/v1/me", new { name, phone = "+849012345678901", defaultSubstitution = "none" }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var stored = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/me/addresses", Ct))!.Single();
        foreach (var field in new[] { "label", "street", "ward", "district", "city", "postalCode" })
            Assert.Equal(address[field]!.GetValue<string>(), stored.GetProperty(field).GetString());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal(name, me.GetProperty("name").GetString());
        Assert.Equal("+849012345678901", me.GetProperty("phone").GetString());
    }

    [Theory]
    [InlineData("email=lan%00%40grocery.test")]
    [InlineData("email=lan%01%40grocery.test")]
    [InlineData("email=")]
    public async Task Looking_up_a_user_by_an_unreadable_email_is_refused_naming_it(string query)
    {
        using var admin = await NewAdminAsync();

        var response = await admin.GetAsync($"/api/v1/users?{query}", Ct);

        await AssertNamesAsync(response, "email");
    }

    [Fact]
    public async Task Looking_up_a_user_by_an_overlong_email_is_refused_naming_it()
    {
        using var admin = await NewAdminAsync();

        var response = await admin.GetAsync($"/api/v1/users?email={Long(IdentityLimits.EmailMaxLength + 1)}", Ct);

        await AssertNamesAsync(response, "email");
    }

    [Theory]
    [InlineData("overlord")]
    [InlineData("ADMIN")]
    [InlineData("admin%01")]
    [InlineData("%E1%BA%A7")]
    public async Task Granting_or_revoking_an_unknown_role_is_refused_naming_the_role_and_changes_nothing(string role)
    {
        var (_, userId, _, _) = await _app.NewShopperAsync();
        using var admin = await NewAdminAsync();

        var grant = await admin.PutAsync($"/api/v1/users/{userId}/roles/{role}", null, Ct);
        var revoke = await admin.DeleteAsync($"/api/v1/users/{userId}/roles/{role}", Ct);
        var overlong = await admin.PutAsync($"/api/v1/users/{userId}/roles/{Long(IdentityLimits.RoleMaxLength * 10, 'r')}", null, Ct);

        await AssertNamesAsync(grant, "role");
        await AssertNamesAsync(revoke, "role");
        await AssertNamesAsync(overlong, "role");
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM user_roles WHERE user_id = @user", userId));
    }

    [Fact]
    public async Task Granting_a_known_role_to_an_unknown_user_is_404()
    {
        using var admin = await NewAdminAsync();

        var response = await admin.PutAsync($"/api/v1/users/{Guid.NewGuid()}/roles/{GroceryRoles.Picker}", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// An admin of this test's own: logins count per account across every test's host (one Redis), and the
    /// bootstrap admin's budget belongs to the tests about it.
    /// </summary>
    private async Task<HttpClient> NewAdminAsync()
    {
        var (client, userId, email, _) = await _app.NewShopperAsync();
        await using (var connection = new NpgsqlConnection(_app.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var grant = new NpgsqlCommand("INSERT INTO user_roles (user_id, role) VALUES (@user, @role)", connection);
            grant.Parameters.AddWithValue("user", userId);
            grant.Parameters.AddWithValue("role", GroceryRoles.Admin);
            await grant.ExecuteNonQueryAsync(Ct);
        }
        var tokens = await IdentityApp.LoginTokensAsync(client, email);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    private static JsonObject ValidAddress() => new()
    {
        ["label"] = "Nhà", ["street"] = "12 Lê Lợi", ["ward"] = "Bến Nghé", ["district"] = "Quận 1", ["city"] = "Hồ Chí Minh",
        ["postalCode"] = "700000", ["isDefault"] = false,
    };

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    private async Task<long> CountAsync(string sql, Guid? user = null)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("admin", IdentityApp.AdminEmail);
        if (user is { } id) command.Parameters.AddWithValue("user", id);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
