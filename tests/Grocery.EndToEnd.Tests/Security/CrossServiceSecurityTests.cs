using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

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

    /// <summary>Every protected endpoint, called on its service and through the gateway (which routes /api/v1/* unchanged).</summary>
    public static TheoryData<string, string, string, string, string> ProtectedEndpointsDirectAndViaGateway
    {
        get
        {
            var rows = new TheoryData<string, string, string, string, string>();
            foreach (var row in ProtectedEndpoints)
            {
                var (service, method, path, role) = row.Data;
                rows.Add(service, service, method, path, role);
                rows.Add(ResourceNames.Gateway, service, method, path, role);
            }
            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpointsDirectAndViaGateway))]
    public async Task A_protected_endpoint_answers_401_to_tokens_signed_by_Identitys_own_key_that_are_expired_or_for_another_audience_or_issuer_and_to_other_keys(
        string via, string service, string method, string path, string role)
    {
        _ = service;
        var ct = TestContext.Current.CancellationToken;
        var genuine = new JsonWebToken((await SessionWithAsync(role, ct)).AccessToken);
        var realKey = await IdentitySigningKey.LoadAsync(system, genuine.Kid, ct);
        var now = DateTime.UtcNow;
        var valid = new TokenShape(genuine.Issuer, genuine.Audiences.Single(), now.AddMinutes(-1), now.AddMinutes(5));
        using var impostorSameKid = RSA.Create(2048);
        using var impostor = RSA.Create(2048);
        var badTokens = new Dictionary<string, string?>
        {
            ["none"] = null,
            ["tampered"] = Tampered(genuine.EncodedToken),
            ["alg none"] = Unsigned(genuine.EncodedToken),
            // Past the validators' 30-second clock skew.
            ["expired"] = Mint(genuine, realKey, valid with { NotBefore = now.AddMinutes(-20), Expires = now.AddMinutes(-5) }),
            ["wrong audience"] = Mint(genuine, realKey, valid with { Audience = "another-api" }),
            ["wrong issuer"] = Mint(genuine, realKey, valid with { Issuer = "https://identity.attacker.example" }),
            ["another key, Identity's kid"] = Mint(genuine, new RsaSecurityKey(impostorSameKid) { KeyId = genuine.Kid }, valid),
            ["another key, its own kid"] = Mint(genuine, new RsaSecurityKey(impostor) { KeyId = "attacker-key" }, valid),
        };
        using var client = system.CreateHttpClient(via);

        // The control: Identity's key and the genuine claims, freshly minted by the test, are accepted.
        using var control = await client.SendAsync(Request(method, path, Mint(genuine, realKey, valid)), ct);
        var statuses = new Dictionary<string, HttpStatusCode>();
        foreach (var (name, token) in badTokens)
        {
            using var response = await client.SendAsync(Request(method, path, token), ct);
            statuses[name] = response.StatusCode;
        }

        Assert.NotEqual(HttpStatusCode.Unauthorized, control.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, control.StatusCode);
        Assert.Equal(badTokens.Keys.ToDictionary(name => name, _ => HttpStatusCode.Unauthorized), statuses);
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

    private sealed record TokenShape(string Issuer, string Audience, DateTime NotBefore, DateTime Expires);

    /// <summary>A token with the genuine token's subject and roles, signed by <paramref name="key"/> as RS256 with its kid.</summary>
    private static string Mint(JsonWebToken genuine, SecurityKey key, TokenShape shape) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = shape.Issuer,
            Audience = shape.Audience,
            IssuedAt = shape.NotBefore,
            NotBefore = shape.NotBefore,
            Expires = shape.Expires,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = genuine.Subject,
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["role"] = genuine.Claims.Where(c => c.Type == "role").Select(c => c.Value).ToArray(),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

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
