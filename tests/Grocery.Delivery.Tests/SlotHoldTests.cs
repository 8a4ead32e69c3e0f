using Grocery.Delivery.Apis;
using Grocery.Delivery.Background;
using Grocery.Delivery.Domain;
using Grocery.Delivery.Slots;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Delivery.Tests;

public sealed class SlotHoldTests(DeliveryInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly DeliveryApp _app = new(infrastructure, new DateTimeOffset(DateTime.UtcNow.Date.AddHours(1), TimeSpan.Zero));

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Three_hundred_shoppers_racing_for_forty_places_get_exactly_forty_holds_and_expiry_frees_them()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 40));
        var slot = (await _app.SlotsAsync(zone.Id)).First(s => s.Available);
        var shoppers = Enumerable.Range(0, 300).Select(i => _app.ClientFor($"racer-{i}")).ToList();

        var responses = await Task.WhenAll(shoppers.Select(c => c.PostAsync($"/api/v1/slots/{slot.Id}/holds", null)));

        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(260, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var refused = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("This slot is full.", refused!.Title);
        var stored = await _app.WithDbAsync(db => db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot.Id));
        Assert.Equal(40, stored.Held);
        Assert.Equal(40, await _app.WithDbAsync(db => db.SlotHolds.CountAsync(h => h.SlotId == slot.Id && h.Status == HoldStatus.Active)));
        Assert.Equal(0, (await _app.SlotsAsync(zone.Id)).Single(s => s.Id == slot.Id).Remaining);

        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        var expired = await _app.Services.GetRequiredService<HoldExpirySweeper>().SweepAsync(CancellationToken.None);

        Assert.Equal(40, expired);
        Assert.Equal(40, (await _app.SlotsAsync(zone.Id)).Single(s => s.Id == slot.Id).Remaining);
        using var latecomer = _app.ClientFor("latecomer");
        Assert.Equal(HttpStatusCode.Created, (await latecomer.PostAsync($"/api/v1/slots/{slot.Id}/holds", null)).StatusCode);
        foreach (var shopper in shoppers) shopper.Dispose();
    }

    [Fact]
    public async Task A_shopper_who_holds_a_second_slot_frees_the_first()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 1));
        var slots = (await _app.SlotsAsync(zone.Id)).Where(s => s.Available).Take(2).ToList();
        using var shopper = _app.ClientFor("mover");
        using var other = _app.ClientFor("waiting");

        var first = await (await shopper.PostAsync($"/api/v1/slots/{slots[0].Id}/holds", null)).Content.ReadFromJsonAsync<SlotHoldResponse>();
        var refusedWhileHeld = await other.PostAsync($"/api/v1/slots/{slots[0].Id}/holds", null);
        var moved = await shopper.PostAsync($"/api/v1/slots/{slots[1].Id}/holds", null);
        var afterMove = await other.PostAsync($"/api/v1/slots/{slots[0].Id}/holds", null);

        Assert.Equal(HttpStatusCode.Conflict, refusedWhileHeld.StatusCode);
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        Assert.Equal(slots[0].Id, (await moved.Content.ReadFromJsonAsync<SlotHoldResponse>())!.ReleasedSlotId);
        Assert.Equal(HttpStatusCode.Created, afterMove.StatusCode);
        var holds = await _app.WithDbAsync(db => db.SlotHolds.AsNoTracking().Where(h => h.UserId == "mover").ToListAsync());
        Assert.Equal(HoldStatus.Released, holds.Single(h => h.Id == first!.HoldId).Status);
        Assert.Single(holds, h => h.Status == HoldStatus.Active && h.SlotId == slots[1].Id);
    }

    [Fact]
    public async Task A_move_to_a_full_slot_keeps_the_shoppers_current_hold()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 1));
        var slots = (await _app.SlotsAsync(zone.Id)).Where(s => s.Available).Take(2).ToList();
        using var shopper = _app.ClientFor("stays");
        using var blocker = _app.ClientFor("blocker");
        await blocker.PostAsync($"/api/v1/slots/{slots[1].Id}/holds", null);
        await shopper.PostAsync($"/api/v1/slots/{slots[0].Id}/holds", null);

        var refused = await shopper.PostAsync($"/api/v1/slots/{slots[1].Id}/holds", null);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var held = await _app.WithDbAsync(db => db.SlotHolds.AsNoTracking().SingleAsync(h => h.UserId == "stays" && h.Status == HoldStatus.Active));
        Assert.Equal(slots[0].Id, held.SlotId);
    }

    [Fact]
    public async Task A_hold_after_the_cutoff_is_refused_with_problem_details()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 5, cutoffMinutes: 120));
        var slot = (await _app.SlotsAsync(zone.Id)).First(s => s.Available);
        _app.Clock.SetUtcNow(slot.CutoffAt);
        using var shopper = _app.ClientFor("too-late");

        var response = await shopper.PostAsync($"/api/v1/slots/{slot.Id}/holds", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("The order cut-off for this slot has passed.", problem!.Title);
        Assert.False((await _app.SlotsAsync(zone.Id)).Single(s => s.Id == slot.Id).Available);
        Assert.Equal(0, await _app.WithDbAsync(db => db.SlotHolds.CountAsync(h => h.SlotId == slot.Id)));
    }

    [Fact]
    public async Task Checkout_extends_the_owners_hold_and_hides_it_from_other_shoppers()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 5));
        var slot = (await _app.SlotsAsync(zone.Id)).First(s => s.Available);
        using var owner = _app.ClientFor("checkout-owner");
        using var stranger = _app.ClientFor("checkout-stranger");
        var hold = await (await owner.PostAsync($"/api/v1/slots/{slot.Id}/holds", null)).Content.ReadFromJsonAsync<SlotHoldResponse>();
        _app.Clock.Advance(TimeSpan.FromMinutes(50));

        var strangers = await stranger.PostAsync($"/api/v1/slots/holds/{hold!.HoldId}/extend", null);
        var extended = await owner.PostAsync($"/api/v1/slots/holds/{hold.HoldId}/extend", null);

        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        var body = await extended.Content.ReadFromJsonAsync<ExtendedHoldResponse>();
        Assert.Equal(_app.Clock.GetUtcNow().AddMinutes(60), body!.ExpiresAt);
        Assert.Equal(zone.WarehouseId, body.WarehouseId);
        Assert.Equal(slot.Fee, body.Fee);
    }

    [Fact]
    public async Task Extending_an_expired_hold_is_refused_and_releasing_frees_the_place()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 1));
        var slot = (await _app.SlotsAsync(zone.Id)).First(s => s.Available);
        using var shopper = _app.ClientFor("releaser");
        var hold = await (await shopper.PostAsync($"/api/v1/slots/{slot.Id}/holds", null)).Content.ReadFromJsonAsync<SlotHoldResponse>();

        var released = await shopper.DeleteAsync($"/api/v1/slots/holds/{hold!.HoldId}");
        var releasedAgain = await shopper.DeleteAsync($"/api/v1/slots/holds/{hold.HoldId}");
        var extendReleased = await shopper.PostAsync($"/api/v1/slots/holds/{hold.HoldId}/extend", null);

        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, releasedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, extendReleased.StatusCode);
        Assert.Equal(1, (await _app.SlotsAsync(zone.Id)).Single(s => s.Id == slot.Id).Remaining);
    }

    [Fact]
    public async Task Store_managers_close_slots_and_cannot_cut_capacity_below_holds_taken()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 5));
        var slots = (await _app.SlotsAsync(zone.Id)).Where(s => s.Available).Take(2).ToList();
        for (var i = 0; i < 3; i++)
        {
            using var shopper = _app.ClientFor($"taken-{i}");
            await shopper.PostAsync($"/api/v1/slots/{slots[0].Id}/holds", null);
        }
        using var manager = _app.Manager(zone.WarehouseId);
        using var customer = _app.ClientFor("not-a-manager");

        var forbidden = await customer.PatchAsJsonAsync($"/api/v1/slots/{slots[0].Id}", new SlotOverrideRequest(null, 10));
        var tooLow = await manager.PatchAsJsonAsync($"/api/v1/slots/{slots[0].Id}", new SlotOverrideRequest(null, 2));
        var exact = await manager.PatchAsJsonAsync($"/api/v1/slots/{slots[0].Id}", new SlotOverrideRequest(null, 3));
        var closed = await manager.PatchAsJsonAsync($"/api/v1/slots/{slots[1].Id}", new SlotOverrideRequest(true, null));
        using var late = _app.ClientFor("after-close");
        var holdClosed = await late.PostAsync($"/api/v1/slots/{slots[1].Id}/holds", null);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, tooLow.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, exact.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal("This slot has been closed.", (await holdClosed.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        var listed = await _app.SlotsAsync(zone.Id);
        Assert.Equal((3, 0), (listed.Single(s => s.Id == slots[0].Id).Capacity, listed.Single(s => s.Id == slots[0].Id).Remaining));
        Assert.True(listed.Single(s => s.Id == slots[1].Id).Closed);
    }

    [Fact]
    public async Task Holding_requires_a_signed_in_shopper()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 1));
        var slot = (await _app.SlotsAsync(zone.Id)).First();
        using var anonymous = _app.CreateClient();

        var response = await anonymous.PostAsync($"/api/v1/slots/{slot.Id}/holds", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
