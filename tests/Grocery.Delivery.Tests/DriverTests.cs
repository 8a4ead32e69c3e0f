using System.Text.Json;
using Grocery.Contracts.Ordering;
using Grocery.Delivery.Apis;
using Grocery.Delivery.Domain;
using Grocery.Delivery.IntegrationEvents.EventHandling;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Delivery.Tests;

/// <summary>The in-house fleet's driver API: the day's list, and dispatched, delivered and failed reported from the road.</summary>
public sealed class DriverTests(DeliveryInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private readonly ServiceFakes _services = new();
    private DeliveryApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new DeliveryApp(infrastructure, DateTimeOffset.UtcNow, _services.Settings);
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _services.Dispose();
    }

    /// <summary>An in-house shipment booked for the order, in a window starting at <paramref name="start"/>.</summary>
    private async Task<Guid> BookedAsync(ZoneResponse zone, DateTimeOffset start, decimal amountToCollect = 480_000m)
    {
        var orderId = Guid.NewGuid();
        var payment = amountToCollect > 0 ? Contracts.PaymentMethod.CashOnDelivery : Contracts.PaymentMethod.Card;
        await _app.HandleAsync<OrderReadyForDispatchIntegrationEvent, OrderReadyForDispatchHandler>(new OrderReadyForDispatchIntegrationEvent(
            orderId, zone.WarehouseId, zone.Id, Guid.NewGuid(), start, start.AddHours(1), payment, amountToCollect, 2, Guid.NewGuid()));
        return orderId;
    }

    private async Task<(ZoneResponse Zone, Guid OrderId)> BookedAsync(decimal amountToCollect = 480_000m)
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        return (zone, await BookedAsync(zone, DateTimeOffset.UtcNow.AddHours(2), amountToCollect));
    }

    private static DateTimeOffset LocalTime(DateOnly day, int hour) =>
        new(day.ToDateTime(new TimeOnly(hour, 0)), Vietnam.GetUtcOffset(day.ToDateTime(new TimeOnly(hour, 0))));

    [Fact]
    public async Task A_driver_marks_delivered_with_cash_and_a_refused_line_and_shipment_delivered_carries_them_once()
    {
        var (zone, orderId) = await BookedAsync();
        using var driver = _app.Driver(zone.WarehouseId);
        var delivered = new DeliveredRequest(450_000m, [new RefusedLineRequest("MILK-1L", 2, "Dented cartons")]);

        var dispatched = await driver.PostAsync($"/api/v1/shipments/{orderId}/dispatched", null);
        var first = await driver.PostAsJsonAsync($"/api/v1/shipments/{orderId}/delivered", delivered);
        var again = await driver.PostAsJsonAsync($"/api/v1/shipments/{orderId}/delivered", delivered);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (dispatched.StatusCode, first.StatusCode, again.StatusCode));
        Assert.Equal(["Booked", "Dispatched", "Delivered"], (await first.Content.ReadFromJsonAsync<ShipmentResponse>())!.Timeline.Select(t => t.Status));
        Assert.Contains(orderId.ToString(), Assert.Single(await _app.OutboxAsync("ShipmentDispatched")));
        using var published = JsonDocument.Parse(Assert.Single(await _app.OutboxAsync("ShipmentDelivered")));
        var data = published.RootElement.GetProperty("data");
        Assert.Equal(450_000m, data.GetProperty("cashCollected").GetDecimal());
        var refused = Assert.Single(data.GetProperty("refusedLines").EnumerateArray());
        Assert.Equal(("MILK-1L", 2m, "Dented cartons"),
            (refused.GetProperty("sku").GetString(), refused.GetProperty("quantity").GetDecimal(), refused.GetProperty("reason").GetString()));
        var shipment = await _app.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == orderId));
        Assert.Equal((ShipmentStatus.Delivered, 450_000m), (shipment.Status, shipment.CashCollected));
    }

    [Fact]
    public async Task A_driver_of_another_warehouse_gets_403_and_the_shipment_does_not_move()
    {
        var (zone, orderId) = await BookedAsync();
        using var stranger = _app.Driver(Guid.NewGuid());
        using var unassigned = _app.ClientFor("driver-without-warehouse", ServiceDefaults.GroceryRoles.Driver);
        using var customer = _app.ClientFor("a-shopper");

        var dispatched = await stranger.PostAsync($"/api/v1/shipments/{orderId}/dispatched", null);
        var failed = await unassigned.PostAsJsonAsync($"/api/v1/shipments/{orderId}/failed", new FailedRequest("Nobody home"));
        var list = await stranger.GetAsync($"/api/v1/shipments?warehouseId={zone.WarehouseId}");
        var byCustomer = await customer.PostAsync($"/api/v1/shipments/{orderId}/dispatched", null);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (dispatched.StatusCode, failed.StatusCode, list.StatusCode, byCustomer.StatusCode));
        Assert.Equal(403, (await dispatched.Content.ReadFromJsonAsync<ProblemDetails>())!.Status);
        var shipment = await _app.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == orderId));
        Assert.Equal(ShipmentStatus.Booked, shipment.Status);
        Assert.Empty(await _app.OutboxAsync("ShipmentDispatched"));
        Assert.Empty(await _app.OutboxAsync("ShipmentFailed"));
    }

    [Fact]
    public async Task Steps_that_cannot_follow_the_shipments_status_are_409_and_publish_nothing()
    {
        var (zone, orderId) = await BookedAsync();
        using var driver = _app.Driver(zone.WarehouseId);

        var deliveredBeforeDispatch = await driver.PostAsJsonAsync($"/api/v1/shipments/{orderId}/delivered", new DeliveredRequest(480_000m, null));
        var failed = await driver.PostAsJsonAsync($"/api/v1/shipments/{orderId}/failed", new FailedRequest("Road closed"));
        var failedAgain = await driver.PostAsJsonAsync($"/api/v1/shipments/{orderId}/failed", new FailedRequest("Road closed"));
        var dispatchedAfterFailure = await driver.PostAsync($"/api/v1/shipments/{orderId}/dispatched", null);
        var unknown = await driver.PostAsync($"/api/v1/shipments/{Guid.NewGuid()}/dispatched", null);

        Assert.Equal(HttpStatusCode.Conflict, deliveredBeforeDispatch.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (failed.StatusCode, failedAgain.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, dispatchedAfterFailure.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Road closed", Assert.Single(await _app.OutboxAsync("ShipmentFailed")));
        Assert.Empty(await _app.OutboxAsync("ShipmentDelivered"));
        Assert.Empty(await _app.OutboxAsync("ShipmentDispatched"));
    }

    [Theory]
    [InlineData(480_000, null, "cashCollected")]
    [InlineData(480_000, "480001", "cashCollected")]
    [InlineData(480_000, "-1", "cashCollected")]
    [InlineData(480_000, "1000.5", "cashCollected")]
    [InlineData(0, "20000", "cashCollected")]
    public async Task The_cash_collected_is_required_for_cash_on_delivery_and_bounded_by_the_amount_due(int amountToCollect, string? cash, string field)
    {
        var (zone, orderId) = await BookedAsync(amountToCollect);
        using var driver = _app.Driver(zone.WarehouseId);
        await driver.PostAsync($"/api/v1/shipments/{orderId}/dispatched", null);

        var response = await driver.PostAsJsonAsync($"/api/v1/shipments/{orderId}/delivered",
            new DeliveredRequest(cash is null ? null : decimal.Parse(cash, System.Globalization.CultureInfo.InvariantCulture), null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Empty(await _app.OutboxAsync("ShipmentDelivered"));
    }

    [Fact]
    public async Task Refused_lines_and_failure_reasons_are_validated_field_by_field()
    {
        var (zone, orderId) = await BookedAsync();
        using var driver = _app.Driver(zone.WarehouseId);
        await driver.PostAsync($"/api/v1/shipments/{orderId}/dispatched", null);

        var badLines = await driver.PostAsJsonAsync($"/api/v1/shipments/{orderId}/delivered", new DeliveredRequest(480_000m,
            [new RefusedLineRequest("", 1, null), new RefusedLineRequest("EGG-10", 0, null), new RefusedLineRequest("EGG-10", 1, new string('r', 201)), null]));
        var noReason = await driver.PostAsJsonAsync($"/api/v1/shipments/{orderId}/failed", new FailedRequest("  "));

        var errors = (await badLines.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys;
        Assert.Equal(["refusedLines[0].sku", "refusedLines[1].quantity", "refusedLines[2].reason", "refusedLines[2].sku", "refusedLines[3]"], errors.Order());
        Assert.Contains("reason", (await noReason.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Empty(await _app.OutboxAsync("ShipmentDelivered"));
        Assert.Empty(await _app.OutboxAsync("ShipmentFailed"));
    }

    [Fact]
    public async Task The_drivers_list_is_the_days_in_house_drop_offs_of_their_warehouse_in_slot_order_with_the_address_from_ordering()
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Vietnam).DateTime).AddDays(1);
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        var otherWarehouse = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        var evening = await BookedAsync(zone, LocalTime(day, 19));
        var morning = await BookedAsync(zone, LocalTime(day, 8));
        var early = await BookedAsync(zone, LocalTime(day, 0));
        var nextDay = await BookedAsync(zone, LocalTime(day.AddDays(1), 8));
        await BookedAsync(otherWarehouse, LocalTime(day, 9));
        var eveningDropOff = ServiceFakes.NewDropOff();
        var morningDropOff = ServiceFakes.NewDropOff();
        _services.GivenDropOff(evening, eveningDropOff);
        _services.GivenDropOff(morning, morningDropOff);
        using var driver = _app.Driver(zone.WarehouseId);

        var response = await driver.GetAsync($"/api/v1/shipments?date={day:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var list = (await response.Content.ReadFromJsonAsync<List<DriverShipmentResponse>>())!;
        Assert.Equal([early, morning, evening], list.Select(s => s.OrderId));
        Assert.DoesNotContain(nextDay, list.Select(s => s.OrderId));
        Assert.Null(list[0].DropOff);
        Assert.Equal((morningDropOff.RecipientName, morningDropOff.Phone, morningDropOff.Address),
            (list[1].DropOff!.RecipientName, list[1].DropOff!.Phone, list[1].DropOff!.Address));
        Assert.Equal(eveningDropOff.Address, list[2].DropOff!.Address);
        Assert.All(list, s => Assert.Equal(480_000m, s.AmountToCollect));
        Assert.All(_services.Ordering.LogEntries, e => Assert.Equal($"Bearer {ServiceFakes.ServiceToken}", e.RequestMessage.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task The_drivers_list_carries_the_address_only_of_drop_offs_still_to_drive_and_asks_ordering_for_no_other()
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Vietnam).DateTime).AddDays(1);
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        var booked = await BookedAsync(zone, LocalTime(day, 8));
        var dispatched = await BookedAsync(zone, LocalTime(day, 9));
        var delivered = await BookedAsync(zone, LocalTime(day, 10));
        var failed = await BookedAsync(zone, LocalTime(day, 11));
        foreach (var orderId in new[] { booked, dispatched, delivered, failed }) _services.GivenDropOff(orderId, ServiceFakes.NewDropOff());
        using var driver = _app.Driver(zone.WarehouseId);
        foreach (var orderId in new[] { dispatched, delivered, failed })
            Assert.Equal(HttpStatusCode.OK, (await driver.PostAsync($"/api/v1/shipments/{orderId}/dispatched", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await driver.PostAsJsonAsync($"/api/v1/shipments/{delivered}/delivered", new DeliveredRequest(480_000m, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await driver.PostAsJsonAsync($"/api/v1/shipments/{failed}/failed", new FailedRequest("Nobody at home"))).StatusCode);

        var list = (await driver.GetFromJsonAsync<List<DriverShipmentResponse>>($"/api/v1/shipments?date={day:yyyy-MM-dd}"))!;

        Assert.Equal([(booked, "Booked", true), (dispatched, "Dispatched", true), (delivered, "Delivered", false), (failed, "Failed", false)],
            list.Select(s => (s.OrderId, s.Status, s.DropOff is not null)));
        Assert.Equal([1, 1, 0, 0], new[] { booked, dispatched, delivered, failed }.Select(_services.DropOffCalls));
    }

    [Fact]
    public async Task The_drivers_list_narrowed_to_a_status_holds_only_drop_offs_in_that_status_and_an_unknown_status_is_refused()
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Vietnam).DateTime).AddDays(1);
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        var booked = await BookedAsync(zone, LocalTime(day, 8));
        var dispatched = await BookedAsync(zone, LocalTime(day, 9));
        using var driver = _app.Driver(zone.WarehouseId);
        Assert.Equal(HttpStatusCode.OK, (await driver.PostAsync($"/api/v1/shipments/{dispatched}/dispatched", null)).StatusCode);

        var onlyBooked = (await driver.GetFromJsonAsync<List<DriverShipmentResponse>>($"/api/v1/shipments?date={day:yyyy-MM-dd}&status=booked"))!;
        var onlyDispatched = (await driver.GetFromJsonAsync<List<DriverShipmentResponse>>($"/api/v1/shipments?date={day:yyyy-MM-dd}&status=Dispatched"))!;
        var unknown = await driver.GetAsync($"/api/v1/shipments?date={day:yyyy-MM-dd}&status=1");

        Assert.Equal([booked], onlyBooked.Select(s => s.OrderId));
        Assert.Equal([dispatched], onlyDispatched.Select(s => s.OrderId));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["status"], (await unknown.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }
}
