using Grocery.Contracts.Ordering;
using Grocery.Delivery.Apis;
using Grocery.Delivery.IntegrationEvents.EventHandling;
using Grocery.Messaging;
using Microsoft.AspNetCore.Http;

namespace Grocery.Delivery.Tests;

public sealed class SlotUtilisationTests(DeliveryInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Store = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    // 08:00 in Ho Chi Minh City: today's evening slots are still open for booking.
    private readonly DeliveryApp _app = new(infrastructure, new DateTimeOffset(DateTime.UtcNow.Date.AddHours(1), TimeSpan.Zero));

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_zones_day_counts_the_places_of_its_open_slots_held_and_confirmed_and_its_closed_slots_apart()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 5));
        var slots = await _app.SlotsAsync(zone.Id);
        var slot = slots.First(s => s.Available);
        var day = LocalDay(slot.WindowStart);
        var sibling = slots.Single(s => s.Id != slot.Id && LocalDay(s.WindowStart) == day);
        var holds = new List<SlotHoldResponse>();
        foreach (var shopper in new[] { "first", "second" })
        {
            using var client = _app.ClientFor(shopper);
            holds.Add((await (await client.PostAsync($"/api/v1/slots/{slot.Id}/holds", null)).Content.ReadFromJsonAsync<SlotHoldResponse>())!);
        }
        await ConfirmAsync(zone, slot, holds[0].HoldId);
        using (var manager = _app.Manager(zone.WarehouseId))
            Assert.Equal(HttpStatusCode.NoContent, (await manager.PatchAsJsonAsync($"/api/v1/slots/{sibling.Id}", new SlotOverrideRequest(true, null))).StatusCode);

        using var admin = _app.Admin();
        var utilisation = await admin.GetFromJsonAsync<List<ZoneDayUtilisation>>("/api/v1/slots/utilisation");

        var ours = utilisation!.Where(u => u.ZoneId == zone.Id).ToList();
        Assert.Equal(3, ours.Count);
        Assert.Equal(ours.Select(u => u.Day).Order(), ours.Select(u => u.Day));
        var that = ours.Single(u => u.Day == day);
        Assert.Equal((1, 1, 5, 1, 1), (that.OpenSlots, that.ClosedSlots, that.Capacity, that.Held, that.Confirmed));
        Assert.Equal(zone.WarehouseId, that.WarehouseId);
        Assert.All(ours.Where(u => u.Day != day), u => Assert.Equal((2, 10, 0, 0), (u.OpenSlots, u.Capacity, u.Held, u.Confirmed)));
    }

    [Fact]
    public async Task Utilisation_is_for_admins_and_refuses_a_window_outside_one_to_fourteen_days()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        using var admin = _app.Admin();
        using var manager = _app.Manager(zone.WarehouseId);

        using var asManager = await manager.GetAsync("/api/v1/slots/utilisation");
        using var tooLong = await admin.GetAsync("/api/v1/slots/utilisation?days=15");
        var fortnight = await admin.GetFromJsonAsync<List<ZoneDayUtilisation>>("/api/v1/slots/utilisation?days=14");

        Assert.Equal(HttpStatusCode.Forbidden, asManager.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("days", (await tooLong.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(14, fortnight!.Count(u => u.ZoneId == zone.Id));
    }

    private static DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Store).DateTime);

    /// <summary>The order backed by the hold is placed, as Ordering's event would tell Delivery.</summary>
    private async Task ConfirmAsync(ZoneResponse zone, SlotResponse slot, Guid holdId)
    {
        var placed = new OrderPlacedIntegrationEvent(Guid.NewGuid(), Guid.NewGuid(), zone.WarehouseId, zone.Id, slot.Id, holdId, slot.WindowStart, slot.WindowEnd,
            Contracts.PaymentMethod.CashOnDelivery, [], 500_000m, slot.Fee, DateTimeOffset.UtcNow);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var context = new IntegrationEventContext(Guid.NewGuid().ToString(), "test", "ordering", DateTimeOffset.UtcNow,
            "key", Guid.NewGuid().ToString(), null, "ordering.events", 0, 0, 1, false);
        await ActivatorUtilities.CreateInstance<OrderPlacedHandler>(scope.ServiceProvider).HandleAsync(placed, context, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
