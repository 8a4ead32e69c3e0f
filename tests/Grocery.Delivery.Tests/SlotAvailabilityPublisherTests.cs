using System.Text.Json;
using Grocery.Delivery.Background;

namespace Grocery.Delivery.Tests;

/// <summary>
/// SlotAvailabilityChanged is coalesced: every change of a slot flags it and counts up its version; a
/// publisher round emits the slot's figures and version as they are then.
/// </summary>
public sealed class SlotAvailabilityPublisherTests(DeliveryInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly DeliveryApp _app = new(infrastructure, DateTimeOffset.UtcNow);

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_hold_publishes_one_event_with_the_held_figure_and_a_higher_version()
    {
        var (slot, created) = await PublishedSlotAsync(capacity: 5);

        await HoldAsync(slot, "one-hold");
        var published = await PublishAsync();

        var events = await EventsAsync(slot);
        Assert.Equal(1, published);
        Assert.Equal(2, events.Count);
        Assert.Equal((5, 1, 0, 4, true), Figures(events[1]));
        Assert.True(Version(events[1]) > Version(created));
    }

    [Fact]
    public async Task A_burst_of_holds_within_one_round_yields_one_event_with_the_latest_figures()
    {
        var (slot, created) = await PublishedSlotAsync(capacity: 5);

        for (var i = 0; i < 3; i++) await HoldAsync(slot, $"burst-{i}");
        var published = await PublishAsync();
        var nothingLeft = await PublishAsync();

        var events = await EventsAsync(slot);
        Assert.Equal((1, 0), (published, nothingLeft));
        Assert.Equal(2, events.Count);
        Assert.Equal((5, 3, 0, 2, true), Figures(events[1]));
        // Each hold counted once.
        Assert.Equal(Version(created) + 3, Version(events[1]));
    }

    [Fact]
    public async Task The_hold_that_fills_the_slot_publishes_it_no_longer_open()
    {
        var (slot, _) = await PublishedSlotAsync(capacity: 1);

        await HoldAsync(slot, "last-place");
        await PublishAsync();

        Assert.Equal((1, 1, 0, 0, false), Figures((await EventsAsync(slot))[^1]));
    }

    /// <summary>A zone's slot after the round that published the new calendar, with that first event.</summary>
    private async Task<(Guid Slot, JsonElement Created)> PublishedSlotAsync(int capacity)
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: capacity));
        await PublishAsync();
        var slot = (await _app.SlotsAsync(zone.Id)).First(s => s.Available).Id;
        var created = Assert.Single(await EventsAsync(slot));
        Assert.Equal((capacity, 0, 0, capacity, true), Figures(created));
        return (slot, created);
    }

    private async Task HoldAsync(Guid slot, string shopper)
    {
        using var client = _app.ClientFor($"{shopper}-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/slots/{slot}/holds", null)).StatusCode);
    }

    private Task<int> PublishAsync() => _app.Services.GetRequiredService<SlotAvailabilityPublisher>().PublishAsync(CancellationToken.None);

    private async Task<List<JsonElement>> EventsAsync(Guid slot) =>
        [.. (await _app.OutboxAsync("SlotAvailabilityChanged"))
            .Select(payload => JsonSerializer.Deserialize<JsonElement>(payload).GetProperty("data"))
            .Where(data => data.GetProperty("slotId").GetGuid() == slot)];

    private static (int Capacity, int Held, int Confirmed, int Remaining, bool Open) Figures(JsonElement data) =>
        (data.GetProperty("capacity").GetInt32(), data.GetProperty("held").GetInt32(), data.GetProperty("confirmed").GetInt32(),
            data.GetProperty("remaining").GetInt32(), data.GetProperty("open").GetBoolean());

    private static long Version(JsonElement data) => data.GetProperty("version").GetInt64();
}
