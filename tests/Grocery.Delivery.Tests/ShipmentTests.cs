using System.Text;
using Grocery.Contracts.Ordering;
using Grocery.Delivery.Apis;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Carriers.InHouse;
using Grocery.Delivery.Domain;
using Grocery.Delivery.IntegrationEvents.EventHandling;
using Grocery.Delivery.Shipping;
using Grocery.Delivery.Slots;
using Grocery.Messaging;

namespace Grocery.Delivery.Tests;

/// <summary>The order's life in Delivery: slot confirmation, cancellation, dispatch, carrier callbacks and tracking.</summary>
public sealed class ShipmentTests(DeliveryInfrastructure infrastructure) : IAsyncLifetime
{
    private const string InHouseSecret = "drivers-app-secret";
    private const string GrabSecret = "grab-webhook-secret";
    private const string ViettelToken = "vtp-webhook-token";

    private readonly DeliveryApp _app = new(infrastructure, DateTimeOffset.UtcNow, new Dictionary<string, string?>
    {
        ["Carriers:inhouse:WebhookSecret"] = InHouseSecret,
        ["Carriers:grab:WebhookSecret"] = GrabSecret,
        ["Carriers:viettelpost:WebhookToken"] = ViettelToken,
    });

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IntegrationEventContext Context() => new(Guid.NewGuid().ToString(), "test", "ordering", DateTimeOffset.UtcNow,
        "key", Guid.NewGuid().ToString(), null, "ordering.events", 0, 0, 1, false);

    /// <summary>Runs a handler the way the bus does: scoped DbContext, one transaction, SaveChanges, commit.</summary>
    private async Task HandleAsync<TEvent, THandler>(TEvent e) where TEvent : Contracts.IIntegrationEvent where THandler : IIntegrationEventHandler<TEvent>
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ActivatorUtilities.CreateInstance<THandler>(scope.ServiceProvider).HandleAsync(e, Context(), CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private async Task<(ZoneResponse Zone, SlotResponse Slot, SlotHoldResponse Hold)> HoldAsync(string userId, int capacity = 2)
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: capacity));
        var slot = (await _app.SlotsAsync(zone.Id)).First(s => s.Available);
        using var client = _app.ClientFor(userId);
        var hold = await (await client.PostAsync($"/api/v1/slots/{slot.Id}/holds", null)).Content.ReadFromJsonAsync<SlotHoldResponse>();
        return (zone, slot, hold!);
    }

    private static OrderPlacedIntegrationEvent Placed(Guid orderId, ZoneResponse zone, SlotResponse slot, Guid holdId, decimal total = 500_000m) =>
        new(orderId, Guid.NewGuid(), zone.WarehouseId, zone.Id, slot.Id, holdId, slot.WindowStart, slot.WindowEnd,
            Contracts.PaymentMethod.CashOnDelivery, [], total, slot.Fee, DateTimeOffset.UtcNow);

    private static OrderReadyForDispatchIntegrationEvent Ready(Guid orderId, ZoneResponse zone, SlotResponse slot) =>
        new(orderId, zone.WarehouseId, zone.Id, slot.Id, slot.WindowStart, slot.WindowEnd, Contracts.PaymentMethod.CashOnDelivery, 480_000m, 2, Guid.NewGuid());

    [Fact]
    public async Task Order_placed_confirms_the_hold_and_publishes_slot_confirmed()
    {
        var (zone, slot, hold) = await HoldAsync("placing");
        var orderId = Guid.NewGuid();

        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(Placed(orderId, zone, slot, hold.HoldId));

        var stored = await _app.WithDbAsync(db => db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot.Id));
        Assert.Equal((0, 1), (stored.Held, stored.Confirmed));
        var confirmed = Assert.Single(await _app.OutboxAsync("SlotConfirmed"));
        Assert.Contains(orderId.ToString(), confirmed);
        Assert.Empty(await _app.OutboxAsync("SlotUnavailable"));
    }

    [Fact]
    public async Task Order_placed_for_an_expired_hold_on_a_full_slot_publishes_slot_unavailable()
    {
        var (zone, slot, hold) = await HoldAsync("expiring", capacity: 1);
        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        await _app.Services.GetRequiredService<Background.HoldExpirySweeper>().SweepAsync(CancellationToken.None);
        using (var other = _app.ClientFor("took-the-place"))
            Assert.Equal(HttpStatusCode.Created, (await other.PostAsync($"/api/v1/slots/{slot.Id}/holds", null)).StatusCode);
        var orderId = Guid.NewGuid();

        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(Placed(orderId, zone, slot, hold.HoldId));

        Assert.Contains(orderId.ToString(), Assert.Single(await _app.OutboxAsync("SlotUnavailable")));
        var stored = await _app.WithDbAsync(db => db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot.Id));
        Assert.Equal((1, 0), (stored.Held, stored.Confirmed));
    }

    [Fact]
    public async Task Order_placed_for_an_expired_hold_on_a_slot_with_room_is_confirmed()
    {
        var (zone, slot, hold) = await HoldAsync("late-but-lucky", capacity: 2);
        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        await _app.Services.GetRequiredService<Background.HoldExpirySweeper>().SweepAsync(CancellationToken.None);
        var orderId = Guid.NewGuid();

        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(Placed(orderId, zone, slot, hold.HoldId));

        var stored = await _app.WithDbAsync(db => db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot.Id));
        Assert.Equal((0, 1), (stored.Held, stored.Confirmed));
        var booked = await _app.WithDbAsync(db => db.SlotHolds.AsNoTracking().SingleAsync(h => h.Id == hold.HoldId));
        Assert.Equal((HoldStatus.Confirmed, orderId), (booked.Status, booked.OrderId));
        Assert.Contains(orderId.ToString(), Assert.Single(await _app.OutboxAsync("SlotConfirmed")));
    }

    [Theory]
    [InlineData(999_999, false)]
    [InlineData(1_000_000, true)]
    public async Task Delivery_charges_the_slot_fee_below_the_free_delivery_threshold_and_nothing_from_it(int basketValue, bool free)
    {
        var (zone, slot, hold) = await HoldAsync($"fee-{basketValue}");
        using var anonymous = _app.ClientFor("fee-lookup");
        using var owner = _app.ClientFor($"fee-{basketValue}");

        var lookup = await anonymous.GetFromJsonAsync<ZoneLookupResponse>($"/api/v1/zones/lookup?postcode={zone.Postcodes[0]}&basketValue={basketValue}");
        var extended = await (await owner.PostAsync($"/api/v1/slots/holds/{hold.HoldId}/extend?basketValue={basketValue}", null))
            .Content.ReadFromJsonAsync<ExtendedHoldResponse>();
        var orderId = Guid.NewGuid();
        // The order's estimated total includes the fee it was quoted; the threshold is judged on the goods.
        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(Placed(orderId, zone, slot, hold.HoldId, total: basketValue + slot.Fee));

        // The zone's standard fee is 20,000 đồng, its peak fee 30,000, free from 1,000,000 (DeliveryApp.ZoneRequest).
        var expectedFee = free ? 0m : slot.Fee;
        Assert.Equal(free ? 0m : 20_000m, lookup!.DeliveryFee);
        Assert.Equal(expectedFee, extended!.DeliveryFee);
        using var confirmed = System.Text.Json.JsonDocument.Parse(Assert.Single(await _app.OutboxAsync("SlotConfirmed")));
        Assert.Equal(expectedFee, confirmed.RootElement.GetProperty("data").GetProperty("deliveryFee").GetDecimal());
    }

    [Fact]
    public async Task Order_cancelled_gives_the_confirmed_place_back()
    {
        var (zone, slot, hold) = await HoldAsync("cancelling", capacity: 1);
        var orderId = Guid.NewGuid();
        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(Placed(orderId, zone, slot, hold.HoldId));

        await HandleAsync<OrderCancelledIntegrationEvent, OrderCancelledHandler>(
            new OrderCancelledIntegrationEvent(orderId, default, "payment failed", DateTimeOffset.UtcNow));

        Assert.Equal(1, (await _app.SlotsAsync(zone.Id)).Single(s => s.Id == slot.Id).Remaining);
        var stored = await _app.WithDbAsync(db => db.SlotHolds.AsNoTracking().SingleAsync(h => h.Id == hold.HoldId));
        Assert.Equal(HoldStatus.Cancelled, stored.Status);
    }

    [Fact]
    public async Task An_order_placed_on_a_slot_closed_after_checkout_is_refused_and_its_hold_released()
    {
        var (zone, slot, hold) = await HoldAsync("closed-before-confirmation");
        using (var manager = _app.Manager(zone.WarehouseId))
            Assert.Equal(HttpStatusCode.NoContent, (await manager.PatchAsJsonAsync($"/api/v1/slots/{slot.Id}", new SlotOverrideRequest(true, null))).StatusCode);
        var orderId = Guid.NewGuid();

        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(Placed(orderId, zone, slot, hold.HoldId));

        var unavailable = Assert.Single(await _app.OutboxAsync("SlotUnavailable"));
        Assert.Contains(orderId.ToString(), unavailable);
        Assert.Contains(SlotBookingService.SlotClosedReason, unavailable);
        Assert.Empty(await _app.OutboxAsync("SlotConfirmed"));
        var stored = await _app.WithDbAsync(db => db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot.Id));
        Assert.Equal((0, 0), (stored.Held, stored.Confirmed));
        Assert.Equal(HoldStatus.Released, (await _app.WithDbAsync(db => db.SlotHolds.AsNoTracking().SingleAsync(h => h.Id == hold.HoldId))).Status);
    }

    [Fact]
    public async Task Closing_a_slot_tells_ordering_about_each_order_booked_on_it_once()
    {
        var (zone, slot, hold) = await HoldAsync("booked-then-closed");
        var orderId = Guid.NewGuid();
        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(Placed(orderId, zone, slot, hold.HoldId));
        using var manager = _app.Manager(zone.WarehouseId);

        var close = await manager.PatchAsJsonAsync($"/api/v1/slots/{slot.Id}", new SlotOverrideRequest(true, null));
        var closeAgain = await manager.PatchAsJsonAsync($"/api/v1/slots/{slot.Id}", new SlotOverrideRequest(true, null));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (close.StatusCode, closeAgain.StatusCode));
        var unavailable = Assert.Single(await _app.OutboxAsync("SlotUnavailable"));
        Assert.Contains(orderId.ToString(), unavailable);
        Assert.Contains(hold.HoldId.ToString(), unavailable);
        var stored = await _app.WithDbAsync(db => db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot.Id));
        Assert.Equal((0, 1, true), (stored.Held, stored.Confirmed, stored.Closed));
    }

    [Fact]
    public async Task The_tracking_timeline_is_for_the_orders_owner_and_staff_only()
    {
        var (zone, slot, hold) = await HoldAsync("tracked-owner");
        var orderId = Guid.NewGuid();
        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(Placed(orderId, zone, slot, hold.HoldId));
        await HandleAsync<OrderReadyForDispatchIntegrationEvent, OrderReadyForDispatchHandler>(Ready(orderId, zone, slot));
        using var owner = _app.ClientFor("tracked-owner");
        using var stranger = _app.ClientFor("someone-else");
        using var picker = _app.ClientFor("picker-1", ServiceDefaults.GroceryRoles.Picker);

        var mine = await owner.GetAsync($"/api/v1/shipments/{orderId}");
        var theirs = await stranger.GetAsync($"/api/v1/shipments/{orderId}");
        var staff = await picker.GetAsync($"/api/v1/shipments/{orderId}");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        var shipment = await mine.Content.ReadFromJsonAsync<ShipmentResponse>();
        Assert.Equal(CarrierRegistry.InHouse, shipment!.Carrier);
        Assert.Equal("Booked", Assert.Single(shipment.Timeline).Status);
        Assert.Single(await _app.OutboxAsync("ShipmentBooked"));
    }

    [Fact]
    public async Task A_signed_in_house_callback_advances_the_shipment_once_and_a_replay_changes_nothing()
    {
        var (zone, slot, hold) = await HoldAsync("webhook-owner");
        var orderId = Guid.NewGuid();
        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(Placed(orderId, zone, slot, hold.HoldId));
        await HandleAsync<OrderReadyForDispatchIntegrationEvent, OrderReadyForDispatchHandler>(Ready(orderId, zone, slot));
        var dispatched = InHouseCallback(orderId, "evt-1", "Dispatched");
        var delivered = InHouseCallback(orderId, "evt-2", "Delivered");
        using var carrierClient = _app.CreateClient();

        var first = await carrierClient.SendAsync(Signed(dispatched, InHouseSecret));
        var replay = await carrierClient.SendAsync(Signed(dispatched, InHouseSecret));
        var second = await carrierClient.SendAsync(Signed(delivered, InHouseSecret));

        Assert.Equal("Applied", (await first.Content.ReadFromJsonAsync<WebhookReceipt>())!.Outcome);
        Assert.Equal("Duplicate", (await replay.Content.ReadFromJsonAsync<WebhookReceipt>())!.Outcome);
        Assert.Equal("Applied", (await second.Content.ReadFromJsonAsync<WebhookReceipt>())!.Outcome);
        Assert.Single(await _app.OutboxAsync("ShipmentDispatched"));
        Assert.Contains("480000", Assert.Single(await _app.OutboxAsync("ShipmentDelivered")));
        using var owner = _app.ClientFor("webhook-owner");
        var timeline = (await owner.GetFromJsonAsync<ShipmentResponse>($"/api/v1/shipments/{orderId}"))!.Timeline;
        Assert.Equal(["Booked", "Dispatched", "Delivered"], timeline.Select(t => t.Status));
    }

    [Fact]
    public async Task A_forged_callback_is_refused_with_401_and_nothing_is_recorded()
    {
        var orderId = Guid.NewGuid();
        using var carrierClient = _app.CreateClient();

        var forgedSignature = await carrierClient.SendAsync(Signed(InHouseCallback(orderId, "evt-x", "Delivered"), "not-the-secret"));
        var unsigned = await carrierClient.PostAsync("/api/v1/carriers/inhouse/webhooks",
            new StringContent(InHouseCallback(orderId, "evt-y", "Delivered"), Encoding.UTF8, "application/json"));
        var grabWrongSecret = await carrierClient.SendAsync(Grab("{\"deliveryID\":\"D1\",\"status\":\"COMPLETED\",\"timestamp\":1}", "guess"));
        var viettelWrongToken = await carrierClient.PostAsync("/api/v1/carriers/viettelpost/webhooks",
            new StringContent("{\"DATA\":{\"ORDER_NUMBER\":\"1\",\"ORDER_STATUS\":501,\"ORDER_STATUSDATE\":\"26/11/2026 10:00:00\"},\"TOKEN\":\"guess\"}", Encoding.UTF8, "application/json"));

        Assert.All([forgedSignature, unsigned, grabWrongSecret, viettelWrongToken], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(0, await _app.WithDbAsync(db => db.CarrierWebhookReceipts.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.ShipmentEvents.CountAsync()));
    }

    [Fact]
    public async Task Grab_and_viettelpost_callbacks_with_their_secrets_are_accepted_and_deduplicated()
    {
        using var carrierClient = _app.CreateClient();
        const string grabBody = "{\"deliveryID\":\"IN-9\",\"merchantOrderID\":\"x\",\"status\":\"IN_DELIVERY\",\"timestamp\":1764150000}";
        const string viettelBody = "{\"DATA\":{\"ORDER_NUMBER\":\"10345381626\",\"ORDER_REFERENCE\":\"x\",\"ORDER_STATUSDATE\":\"26/11/2026 17:34:05\",\"ORDER_STATUS\":501,\"STATUS_NAME\":\"Phát thành công\"},\"TOKEN\":\"" + ViettelToken + "\"}";

        var grab = await carrierClient.SendAsync(Grab(grabBody, GrabSecret));
        var grabReplay = await carrierClient.SendAsync(Grab(grabBody, GrabSecret));
        var viettel = await carrierClient.PostAsync("/api/v1/carriers/viettelpost/webhooks", new StringContent(viettelBody, Encoding.UTF8, "application/json"));
        var viettelReplay = await carrierClient.PostAsync("/api/v1/carriers/viettelpost/webhooks", new StringContent(viettelBody, Encoding.UTF8, "application/json"));

        Assert.Equal("UnknownShipment", (await grab.Content.ReadFromJsonAsync<WebhookReceipt>())!.Outcome);
        Assert.Equal("Duplicate", (await grabReplay.Content.ReadFromJsonAsync<WebhookReceipt>())!.Outcome);
        Assert.Equal("UnknownShipment", (await viettel.Content.ReadFromJsonAsync<WebhookReceipt>())!.Outcome);
        Assert.Equal("Duplicate", (await viettelReplay.Content.ReadFromJsonAsync<WebhookReceipt>())!.Outcome);
        Assert.Equal(2, await _app.WithDbAsync(db => db.CarrierWebhookReceipts.CountAsync()));
    }

    [Fact]
    public async Task Availability_changes_are_published_once_per_slot_however_many_holds_changed_it()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 5));
        var publisher = _app.Services.GetRequiredService<Background.SlotAvailabilityPublisher>();
        await publisher.PublishAsync(CancellationToken.None);
        var slot = (await _app.SlotsAsync(zone.Id)).First(s => s.Available);
        var before = (await _app.OutboxAsync("SlotAvailabilityChanged")).Count;
        for (var i = 0; i < 3; i++)
        {
            using var shopper = _app.ClientFor($"picker-watch-{i}");
            await shopper.PostAsync($"/api/v1/slots/{slot.Id}/holds", null);
        }

        var published = await publisher.PublishAsync(CancellationToken.None);

        Assert.Equal(1, published);
        var latest = (await _app.OutboxAsync("SlotAvailabilityChanged")).Skip(before).Single();
        Assert.Contains("\"remaining\":2", latest);
    }

    private static string InHouseCallback(Guid orderId, string eventId, string status) =>
        $"{{\"eventId\":\"{eventId}\",\"reference\":\"{InHouseFleetCarrier.ReferenceFor(orderId)}\",\"status\":\"{status}\",\"occurredAt\":\"{DateTimeOffset.UtcNow:O}\"}}";

    private static HttpRequestMessage Signed(string body, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/carriers/inhouse/webhooks")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(InHouseFleetCarrier.SignatureHeader, $"sha256={signature}");
        return request;
    }

    private static HttpRequestMessage Grab(string body, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/carriers/grab/webhooks")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", secret);
        return request;
    }
}
