using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grocery.Identity.Accounts;

namespace Grocery.Identity.Tests;

public sealed class StaffWarehouseTests(ServiceClientIdentityApp shared) : IClassFixture<ServiceClientIdentityApp>
{
    private readonly IdentityApp _app = shared.App;
    private readonly ServiceClientIdentityApp _shared = shared;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_picker_assigned_to_a_warehouse_carries_it_in_every_new_token_and_a_customer_with_an_assignment_does_not()
    {
        var admin = await _shared.AdminAsync();
        var (picker, pickerId, pickerEmail, _) = await _app.NewShopperAsync();
        var (customer, customerId, customerEmail, _) = await _app.NewShopperAsync();
        var warehouse = Guid.NewGuid();
        (await admin.PutAsync($"/api/v1/users/{pickerId}/roles/{GroceryRoles.Picker}", null, Ct)).EnsureSuccessStatusCode();

        var assigned = await admin.PutAsJsonAsync($"/api/v1/users/{pickerId}/warehouse", new { warehouseId = warehouse }, Ct);
        // Not staff: the assignment is kept but means nothing until a staff role is granted.
        (await admin.PutAsJsonAsync($"/api/v1/users/{customerId}/warehouse", new { warehouseId = warehouse }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(warehouse, (await assigned.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("warehouseId").GetGuid());
        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{pickerId}", Ct);
        Assert.Equal(warehouse, summary.GetProperty("warehouseId").GetGuid());
        var login = await IdentityApp.LoginTokensAsync(picker, pickerEmail);
        Assert.Equal(warehouse.ToString(), WarehouseClaim(login.AccessToken));
        var refreshed = await picker.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken }, Ct);
        Assert.Equal(warehouse.ToString(), WarehouseClaim((await refreshed.Content.ReadFromJsonAsync<TokenResponse>(Ct))!.AccessToken));
        Assert.Null(WarehouseClaim((await IdentityApp.LoginTokensAsync(customer, customerEmail)).AccessToken));
    }

    [Fact]
    public async Task A_driver_loses_the_warehouse_claim_when_the_assignment_is_removed_or_the_role_revoked()
    {
        var admin = await _shared.AdminAsync();
        var (driver, driverId, email, _) = await _app.NewShopperAsync();
        var warehouse = Guid.NewGuid();
        var granted = await admin.PutAsync($"/api/v1/users/{driverId}/roles/{GroceryRoles.Driver}", null, Ct);
        (await admin.PutAsJsonAsync($"/api/v1/users/{driverId}/warehouse", new { warehouseId = warehouse }, Ct)).EnsureSuccessStatusCode();
        var whileAssigned = await IdentityApp.LoginTokensAsync(driver, email);

        var removed = await admin.DeleteAsync($"/api/v1/users/{driverId}/warehouse", Ct);
        var afterRemoval = await IdentityApp.LoginTokensAsync(driver, email);
        (await admin.PutAsJsonAsync($"/api/v1/users/{driverId}/warehouse", new { warehouseId = warehouse }, Ct)).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/v1/users/{driverId}/roles/{GroceryRoles.Driver}", Ct)).EnsureSuccessStatusCode();
        var afterRevocation = await IdentityApp.LoginTokensAsync(driver, email);

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(warehouse.ToString(), WarehouseClaim(whileAssigned.AccessToken));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Null(WarehouseClaim(afterRemoval.AccessToken));
        Assert.Null(WarehouseClaim(afterRevocation.AccessToken));
        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{driverId}", Ct);
        Assert.Equal(warehouse, summary.GetProperty("warehouseId").GetGuid());
    }

    [Fact]
    public async Task Only_an_admin_may_assign_or_remove_a_warehouse()
    {
        var admin = await _shared.AdminAsync();
        var (staff, staffId, email, _) = await _app.NewShopperAsync();
        (await admin.PutAsync($"/api/v1/users/{staffId}/roles/{GroceryRoles.StoreManager}", null, Ct)).EnsureSuccessStatusCode();
        staff.DefaultRequestHeaders.Authorization = new("Bearer", (await IdentityApp.LoginTokensAsync(staff, email)).AccessToken);

        var assign = await staff.PutAsJsonAsync($"/api/v1/users/{staffId}/warehouse", new { warehouseId = Guid.NewGuid() }, Ct);
        var remove = await staff.DeleteAsync($"/api/v1/users/{staffId}/warehouse", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, assign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{staffId}", Ct);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("warehouseId").ValueKind);
    }

    [Theory]
    [InlineData("\"warehouse-7\"")]
    [InlineData("\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public async Task A_warehouse_id_that_is_not_a_GUID_is_a_validation_problem_naming_the_field(string warehouseId)
    {
        var admin = await _shared.AdminAsync();
        var (_, userId, _, _) = await _app.NewShopperAsync();

        var response = await admin.PutAsync($"/api/v1/users/{userId}/warehouse",
            new StringContent($"{{\"warehouseId\": {warehouseId}}}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("warehouseId", out _), problem.ToString());
    }

    [Fact]
    public async Task Assigning_a_warehouse_to_an_unknown_user_is_404()
    {
        var admin = await _shared.AdminAsync();

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{Guid.NewGuid()}/warehouse", new { warehouseId = Guid.NewGuid() }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_service_role_of_client_credentials_tokens_cannot_be_granted_to_a_user()
    {
        var admin = await _shared.AdminAsync();
        var (_, userId, _, _) = await _app.NewShopperAsync();

        var response = await admin.PutAsync($"/api/v1/users/{userId}/roles/{GroceryRoles.Service}", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("role", out _));
    }

    private static string? WarehouseClaim(string accessToken) =>
        JwtParts.PayloadJson(accessToken).TryGetProperty(WarehouseAssignment.ClaimType, out var claim) ? claim.GetString() : null;
}
