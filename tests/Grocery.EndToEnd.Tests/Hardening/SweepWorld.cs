using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>
/// What the sweep's path parameters point at: a store of its own (warehouse with stock, zone,
/// slots and holds), a product, an address, and orders, all created through the public gateway.
/// </summary>
public sealed record SweepWorld(
    GatewayUser Anonymous, GatewayUser Shopper, GatewayUser Manager, GatewayUser Admin, GatewayUser Leaving,
    Guid ShopperId, string ShopperEmail, string ShopperPassword, string RefreshToken, string SpareRefreshToken,
    Guid WarehouseId, Guid ZoneId, string Postcode, IReadOnlyList<SlotView> Slots, Guid HoldToCheckout, Guid HoldToRelease,
    ProductSummary Product, string ProductSlug, Guid EditableProductId, JsonObject EditableProduct, Guid AddressId, Guid ConfirmedOrderId, Guid CancellableOrderId,
    Guid GuestBasketId, Guid ReservationOrderId, Guid LeavingId, SweepFulfilment Fulfilment, string ServiceClientId, string ServiceClientSecret)
{
    public static async Task<SweepWorld> CreateAsync(GroceryAppFixture system, CancellationToken ct)
    {
        var admin = new GatewayUser(system, (await SystemAccounts.AdminAsync(system, ct)).AccessToken);
        var anonymous = new GatewayUser(system, null);
        var shopper = await GatewayUser.RegisterAsync(system, "shopper", ct);
        var spare = await anonymous.ExpectJsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = shopper.Email, password = shopper.Password }, ct);
        var leaving = await GatewayUser.RegisterAsync(system, "leaving", ct);
        var staff = await GatewayUser.RegisterAsync(system, "manager", ct);
        await admin.ExpectJsonAsync(HttpMethod.Put, $"/api/v1/users/{staff.Id}/roles/{GroceryRoles.StoreManager}", null, ct);

        var products = await CatalogProducts.SoldByThePieceAsync(system, 4, ct);
        var product = products[0];
        var listing = await anonymous.ExpectJsonAsync(HttpMethod.Get, "/api/v1/products?limit=100", null, ct);
        var slug = listing["items"]!.AsArray().Select(i => (Guid)i!["id"]! == product.Id ? (string?)i["slug"] : null).Single(s => s is not null)!;

        var code = $"SW{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        var warehouse = await admin.ExpectJsonAsync(HttpMethod.Post, "/api/v1/warehouses",
            new { code, name = $"Sweep {code}", timeZone = StaffSession.TimeZone, lowStockThreshold = 0 }, ct, HttpStatusCode.Created);
        var warehouseId = (Guid)warehouse["id"]!;
        // The manager works in the sweep's warehouse: the assignment is in the token they sign in with after it.
        await admin.ExpectJsonAsync(HttpMethod.Put, $"/api/v1/users/{staff.Id}/warehouse", new { warehouseId }, ct);
        var managerTokens = await anonymous.ExpectJsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email = staff.Email, password = staff.Password }, ct);
        var manager = new GatewayUser(system, (string)managerTokens["accessToken"]!);
        await manager.ExpectJsonAsync(HttpMethod.Post, "/api/v1/stock/receipts",
            new { warehouseId, reference = "sweep", lines = products.Select(p => new { sku = p.Sku, quantity = 500m }) }, ct, HttpStatusCode.OK, HttpStatusCode.Created);

        var postcode = $"SW{Random.Shared.Next(100000, 999999)}";
        var zone = await manager.ExpectJsonAsync(HttpMethod.Post, "/api/v1/zones", new
        {
            name = $"Sweep zone {postcode}", warehouseId, timeZone = StaffSession.TimeZone, minimumBasketValue = 0m, standardFee = 15000m, peakFee = 25000m,
            freeDeliveryThreshold = (decimal?)null, carrier = (string?)null, postcodes = new[] { postcode }, districts = Array.Empty<string>(),
            templates = Enumerable.Range(0, 7).SelectMany(_ => new[] { "08:00:00", "12:00:00", "18:00:00" }, (day, start) => new
            {
                dayOfWeek = day, startTime = start, endTime = TimeOnly.Parse(start, CultureInfo.InvariantCulture).AddHours(2).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                capacity = 20, isPeak = false, fee = (decimal?)null, cutoffMinutes = 60,
            }),
        }, ct, HttpStatusCode.Created);
        var zoneId = (Guid)zone["id"]!;
        var slots = (await anonymous.ExpectJsonAsync(HttpMethod.Get, $"/api/v1/slots?zoneId={zoneId}", null, ct)).Deserialize<List<SlotView>>(ApiJson.Options)!
            .Where(s => s.Available).ToList();
        // A shopper's hold on a slot backs one order: the sweep's eight orders and holds each take a slot of their own.
        Assert.True(slots.Count >= 8, "The sweep's zone needs eight bookable slots.");
        var shopperUser = shopper.User;

        async Task<Guid> HoldAsync(SlotView slot, GatewayUser? who = null) =>
            (Guid)(await (who ?? shopperUser).ExpectJsonAsync(HttpMethod.Post, $"/api/v1/slots/{slot.Id}/holds", null, ct, HttpStatusCode.Created, HttpStatusCode.OK))["holdId"]!;

        async Task<Guid> PlaceOrderAsync(SlotView slot, IReadOnlyList<(ProductSummary Product, JsonObject Line)>? lines = null)
        {
            foreach (var (lineProduct, line) in lines ?? [(product, new JsonObject { ["quantity"] = 1, ["substitution"] = "None" })])
                await shopperUser.ExpectJsonAsync(HttpMethod.Put, $"/api/v1/basket/lines/{lineProduct.Id}", line, ct);
            var order = await shopperUser.ExpectJsonAsync(HttpMethod.Post, "/api/v1/orders",
                new
                {
                    slotHoldId = await HoldAsync(slot), postcode, paymentMethod = "CashOnDelivery",
                    address = new { recipientName = "Nguyễn Văn An", phone = "+84901234567", street = "12 Lê Lợi", district = "Quận 1", postcode },
                }, ct, HttpStatusCode.Created);
            return (Guid)order["id"]!;
        }

        var confirmed = await PlaceOrderAsync(slots[0]);
        var cancellable = await PlaceOrderAsync(slots[1]);
        var fulfilment = await SweepFulfilment.CreateAsync(shopperUser, manager, warehouseId, (slot, lines) => PlaceOrderAsync(slots[4 + slot], lines), products, ct);
        var clientId = ResourceNames.Ordering;
        var clientSecret = await SystemAccounts.ParameterAsync(system, ResourceNames.ServiceClientSecret(clientId), ct);
        await Eventually.Until(async () => (string?)(await shopperUser.ExpectJsonAsync(HttpMethod.Get, $"/api/v1/orders/{confirmed}", null, ct))["status"],
            status => status == OrderStatuses.Confirmed, ShopperSession.SagaDeadline, TimeSpan.FromMilliseconds(500));

        var editable = SweepSamples.NewProduct();
        var created = await manager.ExpectJsonAsync(HttpMethod.Post, "/api/v1/products", editable, ct, HttpStatusCode.Created);
        var address = await shopperUser.ExpectJsonAsync(HttpMethod.Post, "/api/v1/me/addresses", SweepSamples.Address(postcode), ct, HttpStatusCode.Created);
        var guest = await anonymous.SendAsync(HttpMethod.Put, $"/api/v1/basket/lines/{products[1].Id}", new { quantity = 1, substitution = "None" }, ct);
        await guest.ExpectAsync(HttpStatusCode.OK);

        return new SweepWorld(anonymous, shopperUser, manager, admin, leaving.User,
            shopper.Id, shopper.Email, shopper.Password, shopper.RefreshToken, (string)spare["refreshToken"]!,
            warehouseId, zoneId, postcode, slots, await HoldAsync(slots[2]), await HoldAsync(slots[3], leaving.User),
            product, slug, (Guid)created["id"]!, editable, (Guid)address["id"]!, confirmed, cancellable,
            Guid.Parse(guest.Headers.GetValues("X-Basket-Id").Single()), Guid.NewGuid(), leaving.Id, fulfilment, clientId, clientSecret);
    }
}
