using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Identity.Tests;

public sealed class ContactAndLanguageTests(ServiceClientIdentityApp shared) : IClassFixture<ServiceClientIdentityApp>
{
    private readonly IdentityApp _app = shared.App;
    private readonly ServiceClientIdentityApp _shared = shared;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_reads_a_shoppers_contact_and_a_customer_is_forbidden_to()
    {
        var service = await _shared.ServiceClientAsync(Ct);
        var (shopper, userId, email, _) = await _app.NewShopperAsync();
        var (_, otherId, _, _) = await _app.NewShopperAsync();

        var response = await service.GetAsync($"/api/v1/users/{userId}/contact", Ct);
        var byCustomer = await shopper.GetAsync($"/api/v1/users/{otherId}/contact", Ct);
        var ownByCustomer = await shopper.GetAsync($"/api/v1/users/{userId}/contact", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(userId, contact.GetProperty("userId").GetGuid());
        Assert.Equal(email, contact.GetProperty("email").GetString());
        Assert.Equal("Lan Nguyen", contact.GetProperty("displayName").GetString());
        Assert.Equal("vi", contact.GetProperty("language").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ownByCustomer.StatusCode);
        Assert.DoesNotContain(_app.Logs.Entries, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_unknown_or_deleted_user_has_no_contact()
    {
        var service = await _shared.ServiceClientAsync(Ct);
        var (shopper, userId, _, _) = await _app.NewShopperAsync();
        (await shopper.DeleteAsync("/api/v1/me", Ct)).EnsureSuccessStatusCode();

        var unknown = await service.GetAsync($"/api/v1/users/{Guid.NewGuid()}/contact", Ct);
        var deleted = await service.GetAsync($"/api/v1/users/{userId}/contact", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Fact]
    public async Task A_service_token_opens_no_admin_endpoint()
    {
        var service = await _shared.ServiceClientAsync(Ct);
        var (_, userId, _, _) = await _app.NewShopperAsync();

        var roles = await service.GetAsync($"/api/v1/users/{userId}/roles", Ct);
        var grant = await service.PutAsync($"/api/v1/users/{userId}/roles/{GroceryRoles.Admin}", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, roles.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, grant.StatusCode);
    }

    [Fact]
    public async Task The_language_is_Vietnamese_until_the_shopper_chooses_English_and_stays_when_a_later_update_omits_it()
    {
        var service = await _shared.ServiceClientAsync(Ct);
        var (shopper, userId, _, _) = await _app.NewShopperAsync();

        var initial = await shopper.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var updated = await shopper.PutAsJsonAsync("/api/v1/me", new { name = "Lan", language = "en" }, Ct);
        var read = await shopper.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        var withoutLanguage = await shopper.PutAsJsonAsync("/api/v1/me", new { name = "Lan N." }, Ct);
        var contact = await service.GetFromJsonAsync<JsonElement>($"/api/v1/users/{userId}/contact", Ct);
        var backToVietnamese = await shopper.PutAsJsonAsync("/api/v1/me", new { name = "Lan", language = "vi" }, Ct);

        Assert.Equal("vi", initial.GetProperty("language").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("en", (await updated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("language").GetString());
        Assert.Equal("en", read.GetProperty("language").GetString());
        Assert.Equal("en", (await withoutLanguage.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("language").GetString());
        Assert.Equal("en", contact.GetProperty("language").GetString());
        Assert.Equal("Lan N.", contact.GetProperty("displayName").GetString());
        Assert.Equal("vi", (await backToVietnamese.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("EN")]
    [InlineData("")]
    [InlineData("vi-VN")]
    public async Task An_unsupported_language_is_a_validation_problem_naming_the_field_and_changes_nothing(string language)
    {
        var (shopper, _, _, _) = await _app.NewShopperAsync();

        var response = await shopper.PutAsJsonAsync("/api/v1/me", new { name = "Minh", language }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("language", out _), problem.ToString());
        var profile = await shopper.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal("vi", profile.GetProperty("language").GetString());
        Assert.Equal("Lan Nguyen", profile.GetProperty("name").GetString());
    }
}
