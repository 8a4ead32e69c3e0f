using System.Text;
using System.Text.Json;
using Grocery.Contracts.Ordering;
using Grocery.Delivery.Apis;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Clients;
using Grocery.Delivery.Domain;
using Grocery.Delivery.IntegrationEvents.EventHandling;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Grocery.Delivery.Tests;

/// <summary>
/// A Grab zone end to end inside Delivery: the drop-off fetched from Ordering with the service token,
/// the booking at Grab's real typed client against a WireMock fake, Grab's webhooks, and the promise
/// that the shopper's address goes to Grab and nowhere else.
/// </summary>
public sealed class GrabDeliveryTests(DeliveryInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Deliveries = "/grab-express/v1/deliveries";
    private const string GrabWebhookSecret = "grab-webhook-secret";
    private const string GrabDeliveryId = "IN-GRAB-77";
    private const decimal AmountToCollect = 480_000m;

    private readonly WireMockServer _grab = WireMockServer.Start();
    private readonly ServiceFakes _services = new();
    private DeliveryApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = NewApp(withGrabCredentials: true);
        await _app.StartAsync();
        _grab.Given(Request.Create().WithPath("/grabid/v1/oauth2/token").UsingPost())
            .RespondWith(Response.Create().WithBodyAsJson(new { access_token = "grab-token", token_type = "Bearer", expires_in = 3600 }));
        _grab.Given(Request.Create().WithPath(Deliveries).UsingPost().WithHeader("Authorization", "Bearer grab-token"))
            .RespondWith(Response.Create().WithBodyAsJson(new { deliveryID = GrabDeliveryId, status = "ALLOCATING", quote = new { amount = 32000 } }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _grab.Stop();
        _services.Dispose();
    }

    private DeliveryApp NewApp(bool withGrabCredentials)
    {
        var settings = new Dictionary<string, string?>(_services.Settings)
        {
            ["Carriers:grab:BaseAddress"] = _grab.Url,
            ["Carriers:grab:WebhookSecret"] = GrabWebhookSecret,
            ["Carriers:grab:Resilience:RetryDelay"] = "00:00:00.010",
        };
        if (withGrabCredentials)
        {
            settings["Carriers:grab:ClientId"] = "grocery";
            settings["Carriers:grab:ClientSecret"] = "grab-client-secret";
        }
        return new DeliveryApp(infrastructure, DateTimeOffset.UtcNow, settings) { CaptureLogs = true };
    }

    private static async Task<(ZoneResponse Zone, OrderReadyForDispatchIntegrationEvent Ready, DropOffAddress DropOff)> GrabOrderAsync(
        DeliveryApp app, ServiceFakes services)
    {
        var zone = await app.CreateZoneAsync(DeliveryApp.ZoneRequest(carrier: "grab"));
        var orderId = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddHours(2);
        var ready = new OrderReadyForDispatchIntegrationEvent(orderId, zone.WarehouseId, zone.Id, Guid.NewGuid(), start, start.AddHours(1),
            Contracts.PaymentMethod.CashOnDelivery, AmountToCollect, 2, Guid.NewGuid());
        var dropOff = ServiceFakes.NewDropOff();
        services.GivenDropOff(orderId, dropOff);
        return (zone, ready, dropOff);
    }

    private async Task<(ZoneResponse Zone, OrderReadyForDispatchIntegrationEvent Ready, DropOffAddress DropOff)> BookedAsync()
    {
        var order = await GrabOrderAsync(_app, _services);
        await _app.HandleAsync<OrderReadyForDispatchIntegrationEvent, OrderReadyForDispatchHandler>(order.Ready);
        return order;
    }

    [Fact]
    public async Task Ready_for_dispatch_books_grab_with_the_shoppers_drop_off_fetched_from_ordering_with_the_service_token()
    {
        var (zone, ready, dropOff) = await BookedAsync();

        var booking = _grab.LogEntries.Single(e => e.RequestMessage.Path == Deliveries && e.RequestMessage.Method == "POST").RequestMessage;
        using var body = JsonDocument.Parse(booking.Body!);
        var recipient = body.RootElement.GetProperty("recipient");
        var destination = body.RootElement.GetProperty("destination");
        Assert.Equal(dropOff.RecipientName, recipient.GetProperty("firstName").GetString());
        Assert.Equal(dropOff.Phone, recipient.GetProperty("phone").GetString());
        Assert.Equal(dropOff.Address, destination.GetProperty("address").GetString());
        Assert.Equal(dropOff.Latitude, destination.GetProperty("coordinates").GetProperty("latitude").GetDouble());
        Assert.Equal(ready.OrderId.ToString(), body.RootElement.GetProperty("merchantOrderID").GetString());
        Assert.Equal(AmountToCollect, body.RootElement.GetProperty("cashOnDelivery").GetProperty("amount").GetDecimal());

        var fetch = _services.Ordering.LogEntries.Single(e => e.RequestMessage.Path == $"/api/v1/dispatch/{ready.OrderId}/drop-off").RequestMessage;
        Assert.Equal($"Bearer {ServiceFakes.ServiceToken}", fetch.Headers!["Authorization"].Single());
        Assert.Single(_services.Identity.LogEntries);

        var shipment = await _app.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == ready.OrderId));
        Assert.Equal((GrabExpressCarrierName, GrabDeliveryId, zone.WarehouseId), (shipment.Carrier, shipment.CarrierReference, shipment.WarehouseId));
        Assert.Contains(ready.OrderId.ToString(), Assert.Single(await _app.OutboxAsync("ShipmentBooked")));
        await AssertTheDropOffIsNowhereButAtGrabAsync(dropOff);
    }

    [Fact]
    public async Task Signed_grab_webhooks_move_the_shipment_to_dispatched_then_delivered_and_publish_each_once()
    {
        var (_, ready, dropOff) = await BookedAsync();
        using var grab = _app.CreateClient();

        var pickedUp = await grab.SendAsync(GrabWebhook(ready.OrderId, "IN_DELIVERY", 1_800_000_000, GrabWebhookSecret));
        var replay = await grab.SendAsync(GrabWebhook(ready.OrderId, "IN_DELIVERY", 1_800_000_000, GrabWebhookSecret));
        var completed = await grab.SendAsync(GrabWebhook(ready.OrderId, "COMPLETED", 1_800_000_900, GrabWebhookSecret));

        Assert.Equal(["Applied", "Duplicate", "Applied"],
            await Task.WhenAll(new[] { pickedUp, replay, completed }.Select(async r => (await r.Content.ReadFromJsonAsync<WebhookReceipt>())!.Outcome)));
        Assert.Contains(ready.OrderId.ToString(), Assert.Single(await _app.OutboxAsync("ShipmentDispatched")));
        using var delivered = JsonDocument.Parse(Assert.Single(await _app.OutboxAsync("ShipmentDelivered")));
        Assert.Equal(AmountToCollect, delivered.RootElement.GetProperty("data").GetProperty("cashCollected").GetDecimal());
        var shipment = await _app.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == ready.OrderId));
        Assert.Equal(["Booked", "Dispatched", "Delivered"], shipment.Events.OrderBy(e => e.OccurredAt).Select(e => e.Status.ToString()));
        await AssertTheDropOffIsNowhereButAtGrabAsync(dropOff);
    }

    [Fact]
    public async Task A_grab_webhook_with_a_wrong_secret_is_refused_with_401_and_nothing_changes()
    {
        var (_, ready, _) = await BookedAsync();
        using var grab = _app.CreateClient();

        var forged = await grab.SendAsync(GrabWebhook(ready.OrderId, "COMPLETED", 1_800_000_900, "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var shipment = await _app.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == ready.OrderId));
        Assert.Equal(ShipmentStatus.Booked, shipment.Status);
        Assert.Single(shipment.Events);
        Assert.Empty(await _app.OutboxAsync("ShipmentDelivered"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.CarrierWebhookReceipts.CountAsync()));
    }

    [Fact]
    public async Task A_delivery_grab_reports_failed_publishes_shipment_failed_with_grabs_reason()
    {
        var (_, ready, dropOff) = await BookedAsync();
        using var grab = _app.CreateClient();

        await grab.SendAsync(GrabWebhook(ready.OrderId, "IN_DELIVERY", 1_800_000_000, GrabWebhookSecret));
        var failed = await grab.SendAsync(GrabWebhook(ready.OrderId, "FAILED", 1_800_000_900, GrabWebhookSecret, "Recipient unreachable"));

        Assert.Equal("Applied", (await failed.Content.ReadFromJsonAsync<WebhookReceipt>())!.Outcome);
        using var published = JsonDocument.Parse(Assert.Single(await _app.OutboxAsync("ShipmentFailed")));
        Assert.Equal(ready.OrderId, published.RootElement.GetProperty("data").GetProperty("orderId").GetGuid());
        Assert.Contains("Recipient unreachable", published.RootElement.GetProperty("data").GetProperty("reason").GetString());
        Assert.Empty(await _app.OutboxAsync("ShipmentDelivered"));
        await AssertTheDropOffIsNowhereButAtGrabAsync(dropOff);
    }

    [Fact]
    public async Task A_drop_off_ordering_cannot_give_fails_the_event_for_the_bus_to_retry_and_books_nothing()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(carrier: "grab"));
        var start = DateTimeOffset.UtcNow.AddHours(2);
        var unknown = new OrderReadyForDispatchIntegrationEvent(Guid.NewGuid(), zone.WarehouseId, zone.Id, Guid.NewGuid(), start, start.AddHours(1),
            Contracts.PaymentMethod.CashOnDelivery, AmountToCollect, 1, Guid.NewGuid());

        var failure = await Assert.ThrowsAsync<DropOffUnavailableException>(() =>
            _app.HandleAsync<OrderReadyForDispatchIntegrationEvent, OrderReadyForDispatchHandler>(unknown));

        Assert.Equal(unknown.OrderId, failure.OrderId);
        Assert.Equal(0, _grab.LogEntries.Count(e => e.RequestMessage.Path == Deliveries));
        Assert.False(await _app.WithDbAsync(db => db.Shipments.AnyAsync(s => s.OrderId == unknown.OrderId)));
        Assert.Empty(await _app.OutboxAsync("ShipmentBooked"));
    }

    [Fact]
    public async Task Without_grab_credentials_a_grab_zone_goes_to_the_in_house_fleet_and_neither_grab_nor_ordering_is_called()
    {
        await using var app = NewApp(withGrabCredentials: false);
        await app.StartAsync();
        var (_, ready, _) = await GrabOrderAsync(app, _services);

        await app.HandleAsync<OrderReadyForDispatchIntegrationEvent, OrderReadyForDispatchHandler>(ready);

        var shipment = await app.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == ready.OrderId));
        Assert.Equal(CarrierRegistry.InHouse, shipment.Carrier);
        Assert.Contains("grab has no credentials configured", Assert.Single(shipment.Events).Description);
        Assert.Empty(_grab.LogEntries);
        Assert.Equal(0, _services.DropOffCalls(ready.OrderId));
        Assert.Contains("inhouse", Assert.Single(await app.OutboxAsync("ShipmentBooked")));
    }

    [Fact]
    public async Task Drivers_cannot_move_a_shipment_grab_carries()
    {
        var (zone, ready, _) = await BookedAsync();
        using var driver = _app.Driver(zone.WarehouseId);

        var response = await driver.PostAsync($"/api/v1/shipments/{ready.OrderId}/dispatched", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await _app.OutboxAsync("ShipmentDispatched"));
    }

    private const string GrabExpressCarrierName = Carriers.Grab.GrabExpressCarrier.CarrierName;

    /// <summary>The drop-off went to Grab; it must not be in the outbox, any log line, or what Delivery stored.</summary>
    private async Task AssertTheDropOffIsNowhereButAtGrabAsync(DropOffAddress dropOff)
    {
        // The unique part of the name and street, and the phone: plain ASCII, however JSON escapes the rest.
        string[] fragments = [dropOff.RecipientName.Split(' ')[^1], dropOff.Phone];
        var outbox = await _app.AllOutboxAsync();
        Assert.NotEmpty(outbox);
        Assert.NotEmpty(_app.LogLines);
        var stored = await _app.WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT concat_ws('|', s::text, (SELECT string_agg(e::text, '|') FROM delivery.shipment_events e WHERE e.shipment_id = s.id)) AS \"Value\" FROM delivery.shipments s")
            .ToListAsync());
        foreach (var fragment in fragments)
        {
            Assert.DoesNotContain(outbox, p => p.Contains(fragment, StringComparison.Ordinal));
            Assert.DoesNotContain(_app.LogLines, l => l.Contains(fragment, StringComparison.Ordinal));
            Assert.DoesNotContain(stored, row => row.Contains(fragment, StringComparison.Ordinal));
        }
    }

    private static HttpRequestMessage GrabWebhook(Guid orderId, string status, long timestamp, string secret, string? failedReason = null)
    {
        var body = JsonSerializer.Serialize(new { deliveryID = GrabDeliveryId, merchantOrderID = orderId.ToString(), status, timestamp, failedReason });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/carriers/grab/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", secret);
        return request;
    }
}
