using System.Net;
using System.Net.Http.Json;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>
/// The accounts the tests act as, created once per run through the real Identity service. Identity
/// limits registrations to 10 an hour per address (and every test client shares 127.0.0.1), so tests
/// share a small pool of shoppers; each test still works on its own warehouse, zone, slots and orders.
/// </summary>
public static class SystemAccounts
{
    public const int ShopperPoolSize = 4;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static GroceryAppFixture? _system;
    private static UserSession? _admin;
    private static StaffSession? _staff;
    private static readonly Dictionary<string, UserSession> WarehouseStaff = [];
    private static readonly ShopperSession?[] Shoppers = new ShopperSession?[ShopperPoolSize];

    /// <summary>The first admin, whose password the AppHost generated as a secret parameter.</summary>
    public static Task<UserSession> AdminAsync(GroceryAppFixture system, CancellationToken ct) =>
        OnceAsync(system, () => _admin, v => _admin = v, async () =>
        {
            var email = await ParameterAsync(system, ResourceNames.BootstrapAdminEmail, ct);
            var password = await ParameterAsync(system, ResourceNames.BootstrapAdminPassword, ct);
            // Identity creates the admin in the background after it starts, so the first login is retried (spaced: logins are rate limited).
            var tokens = await Eventually.Until(() => TryLoginAsync(system, email, password, ct), t => t is not null,
                within: TimeSpan.FromSeconds(30), every: TimeSpan.FromSeconds(4));
            Assert.NotNull(tokens);
            return new UserSession(system, Guid.Empty, email, password, tokens);
        }, ct);

    /// <summary>A registered account granted the store-manager role by the admin.</summary>
    public static async Task<StaffSession> StaffAsync(GroceryAppFixture system, CancellationToken ct)
    {
        var admin = await AdminAsync(system, ct);
        return await OnceAsync(system, () => _staff, v => _staff = v, async () =>
        {
            var (user, password) = await RegisterAsync(system, "staff", ct);
            var users = await admin.ClientAsync(ResourceNames.Identity, ct);
            await (await users.PutAsync($"/api/v1/users/{user.Id}/roles/{GroceryRoles.StoreManager}", null, ct)).ExpectAsync(HttpStatusCode.OK);
            var tokens = await TryLoginAsync(system, user.Email, password, ct) ?? throw new InvalidOperationException("The staff account could not log in.");
            return new StaffSession(system, admin, user.Id, user.Email, password, tokens);
        }, ct);
    }

    /// <summary>
    /// A registered account with a warehouse-staff role (picker, driver), created once per run; tests
    /// assign it to their own warehouse with <see cref="AssignAsync"/>. The key tells apart two accounts of one role.
    /// </summary>
    public static async Task<UserSession> WarehouseStaffAsync(GroceryAppFixture system, string role, CancellationToken ct, string key = "")
    {
        var admin = await AdminAsync(system, ct);
        return await OnceAsync(system, () => WarehouseStaff.GetValueOrDefault(role + key), v => WarehouseStaff[role + key] = v, async () =>
        {
            var (user, password) = await RegisterAsync(system, role + key, ct);
            var users = await admin.ClientAsync(ResourceNames.Identity, ct);
            await (await users.PutAsync($"/api/v1/users/{user.Id}/roles/{role}", null, ct)).ExpectAsync(HttpStatusCode.OK);
            var tokens = await TryLoginAsync(system, user.Email, password, ct) ?? throw new InvalidOperationException($"The {role} account could not log in.");
            return new UserSession(system, user.Id, user.Email, password, tokens);
        }, ct);
    }

    /// <summary>Assigns the staff member to the warehouse (as the admin) and renews their token, which then carries it.</summary>
    public static async Task AssignAsync(GroceryAppFixture system, UserSession staff, Guid warehouseId, CancellationToken ct)
    {
        var admin = await AdminAsync(system, ct);
        var users = await admin.ClientAsync(ResourceNames.Identity, ct);
        await (await users.PutAsJsonAsync($"/api/v1/users/{staff.UserId}/warehouse", new { warehouseId }, ApiJson.Options, ct))
            .ExpectAsync(HttpStatusCode.OK, HttpStatusCode.NoContent);
        await staff.RenewAsync(ct);
    }

    /// <summary>One of the pooled customer accounts (index 0 to <see cref="ShopperPoolSize"/> - 1).</summary>
    public static Task<ShopperSession> ShopperAsync(GroceryAppFixture system, int index, CancellationToken ct) =>
        OnceAsync(system, () => Shoppers[index], v => Shoppers[index] = v, async () =>
        {
            var (user, password) = await RegisterAsync(system, $"shopper{index}", ct);
            var tokens = await TryLoginAsync(system, user.Email, password, ct) ?? throw new InvalidOperationException("A new shopper could not log in.");
            return new ShopperSession(system, user.Id, user.Email, password, tokens);
        }, ct);

    public static async Task<TokenResponse?> TryLoginAsync(GroceryAppFixture system, string email, string password, CancellationToken ct)
    {
        using var identity = system.CreateHttpClient(ResourceNames.Identity);
        using var response = await identity.PostAsJsonAsync("/api/v1/auth/login", new { email, password }, ApiJson.Options, ct);
        if (response.StatusCode == HttpStatusCode.OK) return await response.ReadAsync<TokenResponse>(ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest) return null;
        await response.ExpectAsync(HttpStatusCode.OK);
        return null;
    }

    private static async Task<(RegisteredUser User, string Password)> RegisterAsync(GroceryAppFixture system, string label, CancellationToken ct)
    {
        var email = $"e2e-{label}-{Guid.NewGuid():N}@example.com";
        var password = $"Pw-{Guid.NewGuid():N}";
        using var identity = system.CreateHttpClient(ResourceNames.Identity);
        var response = await (await identity.PostAsJsonAsync("/api/v1/auth/register", new { email, password, name = $"E2E {label}" }, ApiJson.Options, ct))
            .ExpectAsync(HttpStatusCode.Created);
        return (await response.ReadAsync<RegisteredUser>(ct), password);
    }

    public static async Task<string> ParameterAsync(GroceryAppFixture system, string name, CancellationToken ct) =>
        await ((ParameterResource)system.Resource(name)).GetValueAsync(ct) ?? throw new InvalidOperationException($"Parameter {name} has no value.");

    private static async Task<T> OnceAsync<T>(GroceryAppFixture system, Func<T?> get, Action<T> set, Func<Task<T>> create, CancellationToken ct)
        where T : class
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (!ReferenceEquals(_system, system))
            {
                // A new system (new databases): accounts of an earlier one do not exist there.
                _system = system;
                _admin = null;
                _staff = null;
                WarehouseStaff.Clear();
                Array.Clear(Shoppers);
            }
            if (get() is { } existing) return existing;
            var created = await create();
            set(created);
            return created;
        }
        finally
        {
            Gate.Release();
        }
    }
}
