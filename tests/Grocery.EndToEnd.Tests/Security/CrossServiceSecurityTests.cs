using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Security;

/// <summary>Every service trusts only tokens the real Identity signed, and only for the roles they carry.</summary>
public sealed class CrossServiceSecurityTests(GroceryAppFixture system)
{
    private const string Customer = "customer";
    private const string StoreManager = "store-manager";
    private const string Admin = "admin";

    /// <summary>A protected endpoint of each service, with the least role it needs.</summary>
    public static TheoryData<string, string, string, string> ProtectedEndpoints => new()
    {
        { ResourceNames.Catalog, "POST", "/api/v1/products", StoreManager },
        { ResourceNames.Inventory, "POST", "/api/v1/stock/receipts", StoreManager },
        { ResourceNames.Delivery, "PATCH", "/api/v1/slots/0192f4c8-0000-7000-8000-00000000e2e0", StoreManager },
        { ResourceNames.Ordering, "POST", "/api/v1/basket/merge", Customer },
        { ResourceNames.Ordering, "GET", "/api/v1/orders", Customer },
        { ResourceNames.Ordering, "GET", "/api/v1/orders/stuck", Admin },
        { ResourceNames.Identity, "GET", "/api/v1/me", Customer },
        { ResourceNames.Identity, "GET", "/api/v1/users?email=nobody@example.com", Admin },
    };

    public static TheoryData<string, string, string, string> StaffEndpoints
    {
        get
        {
            var staff = new TheoryData<string, string, string, string>();
            foreach (var row in ProtectedEndpoints)
            {
                var (service, method, path, role) = row.Data;
                if (role != Customer) staff.Add(service, method, path, role);
            }
            return staff;
        }
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task A_protected_endpoint_answers_401_without_a_token(string service, string method, string path, string role)
    {
        _ = role;
        using var client = system.CreateHttpClient(service);

        using var response = await client.SendAsync(Request(method, path, token: null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task A_protected_endpoint_answers_401_to_a_tampered_or_unsigned_token_and_not_to_the_genuine_one(
        string service, string method, string path, string role)
    {
        var ct = TestContext.Current.CancellationToken;
        var genuine = await SessionWithAsync(role, ct);
        using var client = system.CreateHttpClient(service);

        using var valid = await client.SendAsync(Request(method, path, genuine.AccessToken), ct);
        using var tampered = await client.SendAsync(Request(method, path, Tampered(genuine.AccessToken)), ct);
        using var unsigned = await client.SendAsync(Request(method, path, Unsigned(genuine.AccessToken)), ct);

        Assert.NotEqual(HttpStatusCode.Unauthorized, valid.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Theory]
    [MemberData(nameof(StaffEndpoints))]
    public async Task A_customer_on_a_staff_endpoint_answers_403(string service, string method, string path, string role)
    {
        _ = role;
        var ct = TestContext.Current.CancellationToken;
        var customer = await SystemAccounts.ShopperAsync(system, 1, ct);
        using var client = system.CreateHttpClient(service);

        using var response = await client.SendAsync(Request(method, path, customer.AccessToken), ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_reading_or_cancelling_another_customers_order_answers_404()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 1, ct);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [products[0].Sku] = 5m }, slotCapacity: 2, ct);
        var owner = await SystemAccounts.ShopperAsync(system, 0, ct);
        var other = await SystemAccounts.ShopperAsync(system, 1, ct);
        var hold = await owner.HoldSlotAsync(store.Slot.Id, ct);
        await owner.FillBasketAsync([(products[0], 1m)], ct);
        var order = await owner.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
        await owner.WaitUntilFinalAsync(order.Id, ct);

        using var read = await other.GetOrderResponseAsync(order.Id, ct);
        using var cancel = await other.CancelAsync(order.Id, ct);
        var inventory = await other.ClientAsync(ResourceNames.Inventory, ct);
        using var reservation = await inventory.GetAsync($"/api/v1/reservations/{order.Id}", ct);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reservation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetOrderResponseAsync(order.Id, ct)).StatusCode);
        Assert.NotEqual(OrderStatuses.Cancelled, (await owner.OrderAsync(order.Id, ct)).Status);
    }

    private async Task<UserSession> SessionWithAsync(string role, CancellationToken ct) => role switch
    {
        Customer => await SystemAccounts.ShopperAsync(system, 1, ct),
        StoreManager => await SystemAccounts.StaffAsync(system, ct),
        _ => await SystemAccounts.AdminAsync(system, ct),
    };

    private static HttpRequestMessage Request(string method, string path, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>The genuine signature over a payload that now claims the admin role and another subject.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        payload["role"] = new JsonArray("customer", "picker", "store-manager", "admin");
        payload["sub"] = Guid.NewGuid().ToString();
        return $"{parts[0]}.{Base64UrlEncode(payload.ToJsonString())}.{parts[2]}";
    }

    /// <summary>The same claims with "alg": "none" and no signature.</summary>
    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64UrlDecode(parts[0]))!.AsObject();
        header["alg"] = "none";
        return $"{Base64UrlEncode(header.ToJsonString())}.{parts[1]}.";
    }

    private static string Base64UrlDecode(string value) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/').PadRight(value.Length + (4 - value.Length % 4) % 4, '=')));

    private static string Base64UrlEncode(string value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
