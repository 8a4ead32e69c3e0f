using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grocery.EndToEnd.Tests.Hardening;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Ordering;

/// <summary>
/// The same order's life in a zone Grab serves: Delivery books Grab (faked at the HTTP boundary, its real
/// client talking to the fake) with the shopper's drop-off fetched from Ordering, and Grab's signed
/// webhooks, arriving through the public gateway, take the order out for delivery and to Delivered.
/// </summary>
public sealed class GrabDeliveryJourneyTests(GroceryAppFixture system)
{
    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_cash_on_delivery_order_in_a_grab_zone_is_booked_with_grab_and_delivered_by_its_signed_webhooks_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var manager = await SystemAccounts.StaffAsync(system, ct);
        var sauce = (await TestCatalog.ImportAsync(system, manager, [new("Nước mắm Phú Quốc 500 ml", 60_000m, TaxRate: 8, Unit: "ml")], ct))[0];
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [sauce.Sku] = 5m }, slotCapacity: 5, ct, carrier: "grab");
        var picker = await SystemAccounts.WarehouseStaffAsync(system, GroceryRoles.Picker, ct);
        await SystemAccounts.AssignAsync(system, picker, store.WarehouseId, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);

        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(sauce.Product, 2m)], ct);
        var placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(placed.Id, ct)).Status);

        var picking = await picker.ClientAsync(ResourceNames.Ordering, ct);
        await (await picking.PostAsync($"/api/v1/picking/{placed.Id}/claim", null, ct)).ExpectAsync(HttpStatusCode.OK);
        var list = await (await picking.GetAsync($"/api/v1/picking/{placed.Id}", ct)).ExpectAsync(HttpStatusCode.OK).ReadAsync<PickListView>(ct);
        await (await picking.PostAsJsonAsync($"/api/v1/picking/{placed.Id}/lines/{list.Line(sauce.Sku).LineNo}/pick",
            new { gtin = sauce.Gtin, quantity = 2m }, ApiJson.Options, ct)).ExpectAsync(HttpStatusCode.OK);
        var packed = await (await picking.PostAsJsonAsync($"/api/v1/picking/{placed.Id}/pack", new { packageCount = 1 }, ApiJson.Options, ct))
            .ExpectAsync(HttpStatusCode.OK).ReadAsync<PackView>(ct);

        var booking = await Eventually.Until(() => Task.FromResult(system.Grab.BookingFor(placed.Id)), b => b is not null, Settles);
        Assert.NotNull(booking);
        Assert.Equal("Nguyễn Thị Lan", booking.Value.GetProperty("recipient").GetProperty("firstName").GetString());
        Assert.Contains("34 Pasteur, Bến Nghé", booking.Value.GetProperty("destination").GetProperty("address").GetString());
        Assert.Equal(packed.FinalTotal, booking.Value.GetProperty("cashOnDelivery").GetProperty("amount").GetDecimal());

        using var grab = ClientAddresses.GatewayClient(system, ClientAddresses.Next());
        using (var forged = await grab.SendAsync(Webhook(placed.Id, "COMPLETED", "not-the-secret", 2), ct))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("ReadyForDispatch", (await shopper.OrderAsync(placed.Id, ct)).Status);

        await (await grab.SendAsync(Webhook(placed.Id, "IN_DELIVERY", FakeGrab.WebhookSecret, 1), ct)).ExpectAsync(HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Accepted);
        var onItsWay = await Eventually.Until(() => shopper.OrderAsync(placed.Id, ct), o => o.Status == "OutForDelivery", Settles);
        Assert.Equal("OutForDelivery", onItsWay.Status);
        await (await grab.SendAsync(Webhook(placed.Id, "COMPLETED", FakeGrab.WebhookSecret, 2), ct)).ExpectAsync(HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Accepted);

        var delivered = await Eventually.Until(() => shopper.OrderAsync(placed.Id, ct), o => o.Status == "Delivered", Settles);
        Assert.Equal("Delivered", delivered.Status);
        Assert.Equal(1, system.Grab.BookingsFor(placed.Id));
        var stock = await Eventually.Until(() => store.StockAsync(sauce.Sku, ct), s => s.Reserved == 0m, Settles);
        Assert.Equal((3m, 0m), (stock.OnHand, stock.Reserved));
    }

    /// <summary>Grab orders its status updates by timestamp: <paramref name="step"/> seconds from now keeps them in order.</summary>
    private static HttpRequestMessage Webhook(Guid orderId, string status, string secret, int step)
    {
        var body = JsonSerializer.Serialize(new
        {
            deliveryID = FakeGrab.DeliveryIdOf(orderId.ToString()), merchantOrderID = orderId.ToString(), status,
            timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + step, failedReason = (string?)null,
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/carriers/grab/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // Grab authenticates its webhooks with the shared secret in the Authorization header.
        request.Headers.TryAddWithoutValidation("Authorization", secret);
        return request;
    }
}
