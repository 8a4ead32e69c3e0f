using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// Staff accounts made the way a store makes them: registered with Identity, then the first admin (whose
/// password the AppHost generated) grants the role and assigns the warehouse.
/// </summary>
public static class StaffAccounts
{
    public sealed record Account(Guid Id, string Email, string Password);

    private sealed record Registered(Guid Id, string Email);

    private sealed record Tokens(string AccessToken);

    private sealed record Zone(Guid ZoneId, Guid WarehouseId);

    public static async Task<(string Email, string Password)> AdminAsync(StorefrontFixture system, CancellationToken ct)
    {
        var email = await ((ParameterResource)system.Resource(ResourceNames.BootstrapAdminEmail)).GetValueAsync(ct);
        var password = await ((ParameterResource)system.Resource(ResourceNames.BootstrapAdminPassword)).GetValueAsync(ct);
        return (email!, password!);
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (StorefrontFixture System, string Token, DateTimeOffset At)? _admin;

    /// <summary>
    /// The admin's access token, kept a few minutes (Identity limits logins per account). Identity creates the
    /// admin in the background after it starts, so the first login is retried.
    /// </summary>
    public static async Task<string> AdminTokenAsync(StorefrontFixture system, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (_admin is { } known && ReferenceEquals(known.System, system) && DateTimeOffset.UtcNow - known.At < TimeSpan.FromMinutes(4)) return known.Token;
            var token = await LoginAdminAsync(system, ct);
            _admin = (system, token, DateTimeOffset.UtcNow);
            return token;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> LoginAdminAsync(StorefrontFixture system, CancellationToken ct)
    {
        var (email, password) = await AdminAsync(system, ct);
        using var identity = system.App.CreateHttpClient(ResourceNames.Identity);
        for (var attempt = 1; ; attempt++)
        {
            using var response = await identity.PostAsJsonAsync("/api/v1/auth/login", new { email, password }, ct);
            if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<Tokens>(ct))!.AccessToken;
            if (attempt == 8) throw new InvalidOperationException($"The admin cannot log in: {(int)response.StatusCode}");
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
        }
    }

    /// <summary>A new account, with the role granted and the warehouse assigned when given.</summary>
    public static async Task<Account> CreateAsync(StorefrontFixture system, string label, string? role, Guid? warehouseId, CancellationToken ct)
    {
        var email = $"{label}.{Guid.NewGuid():N}@example.com";
        var password = $"Pw-{Guid.NewGuid():N}";
        using var identity = system.App.CreateHttpClient(ResourceNames.Identity);
        using var registered = await identity.PostAsJsonAsync("/api/v1/auth/register", new { email, password, name = $"Staff {label}" }, ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var user = (await registered.Content.ReadFromJsonAsync<Registered>(ct))!;
        identity.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminTokenAsync(system, ct));
        if (role is not null)
        {
            using var granted = await identity.PutAsync($"/api/v1/users/{user.Id}/roles/{role}", null, ct);
            Assert.True(granted.IsSuccessStatusCode, $"Granting {role}: {(int)granted.StatusCode}");
        }
        if (warehouseId is { } warehouse)
        {
            using var assigned = await identity.PutAsJsonAsync($"/api/v1/users/{user.Id}/warehouse", new { warehouseId = warehouse }, ct);
            Assert.True(assigned.IsSuccessStatusCode, $"Assigning the warehouse: {(int)assigned.StatusCode}");
        }
        return new Account(user.Id, email, password);
    }

    /// <summary>The warehouse that serves a postcode, as Delivery resolves it for checkout.</summary>
    public static async Task<Guid> WarehouseServingAsync(StorefrontFixture system, string postcode, CancellationToken ct)
    {
        using var delivery = system.App.CreateHttpClient(ResourceNames.Delivery);
        var zone = await delivery.GetFromJsonAsync<Zone>($"/api/v1/zones/lookup?postcode={postcode}", ct);
        return zone!.WarehouseId;
    }

    /// <summary>A service's API called as the admin, for reading what staff pages would show.</summary>
    public static async Task<HttpClient> AdminClientAsync(StorefrontFixture system, string service, CancellationToken ct)
    {
        var client = system.App.CreateHttpClient(service);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminTokenAsync(system, ct));
        return client;
    }
}
