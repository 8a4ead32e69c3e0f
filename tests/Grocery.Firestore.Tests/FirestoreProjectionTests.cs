using Grocery.Contracts;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Firestore.Projection;

namespace Grocery.Firestore.Tests;

public sealed class FirestoreProjectionTests(FirestoreInfrastructure infrastructure, ITestOutputHelper output)
{
    private static readonly Guid Warehouse = Guid.Parse("8f0c6a51-3c1e-4a63-9d55-0a4f5d1f2a01");
    private readonly CancellationToken _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Replaying_a_thousand_stock_events_out_of_order_and_with_duplicates_leaves_every_document_at_its_latest_version_written_at_most_once_a_second()
    {
        await using var projection = await ProjectionHarness.StartAsync(infrastructure);
        const int skus = 40, versionsPerSku = 20, duplicates = 200;
        // Each SKU's row counts its own changes: 2, 3, 4 … as Inventory publishes them.
        var events = (from round in Enumerable.Range(0, versionsPerSku)
                      from sku in Enumerable.Range(0, skus)
                      let version = (long)(round + 2)
                      select StockEvent($"SKU-{sku:000}", available: 1_000 - round * skus - sku, version)).ToList();
        var random = new Random(21);
        var replay = events.Concat(Enumerable.Range(0, duplicates).Select(_ => events[random.Next(events.Count)]))
            .OrderBy(_ => random.Next()).ToList();

        // The replay spans two seconds of the clock, with the flusher looking every 100 ms as it would.
        foreach (var chunk in replay.Chunk(50))
        {
            foreach (var e in chunk) await projection.HandleAsync(e);
            projection.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await projection.Flusher.FlushOnceAsync(_timeout);
        }
        await projection.DrainAsync();

        var latest = events.GroupBy(e => e.Sku).Select(g => g.MaxBy(e => e.Version)!).ToList();
        var names = latest.Select(e => projection.Client.DocumentName(LiveDocuments.StockCollection, LiveDocuments.StockId(Warehouse, e.Sku))).ToList();
        var documents = await projection.ReadAsync(names);
        Assert.Equal(1_000, replay.Count);
        Assert.Equal(skus, documents.Count);
        foreach (var e in latest)
        {
            var document = documents[projection.Client.DocumentName(LiveDocuments.StockCollection, LiveDocuments.StockId(Warehouse, e.Sku))];
            Assert.Equal(e.Version, document.Integer("version"));
            Assert.Equal((double)e.Available, document.Fields["available"].DoubleValue);
            Assert.Equal(LiveDocuments.StateName(e.State), document.String("state"));
        }

        var writes = projection.Writes.All;
        foreach (var perDocument in writes.GroupBy(w => w.Document))
        {
            var times = perDocument.Select(w => w.At).Order().ToList();
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1),
                $"{perDocument.Key} was written at {pair.First:HH:mm:ss.fff} and again at {pair.Second:HH:mm:ss.fff}"));
        }
        // Two seconds of replay and one of draining: at most three writes per document instead of up to 25.
        Assert.All(writes.GroupBy(w => w.Document), g => Assert.InRange(g.Count(), 1, 3));
        output.WriteLine($"{replay.Count} events, {skus} documents, {writes.Count} writes");
    }

    [Fact]
    public async Task A_change_within_a_second_of_the_last_write_waits_and_is_sent_as_the_latest_state()
    {
        await using var projection = await ProjectionHarness.StartAsync(infrastructure);
        await projection.HandleAsync(StockEvent("APPLE", available: 10, version: 1));
        var first = await projection.Flusher.FlushOnceAsync(_timeout);
        await projection.HandleAsync(StockEvent("APPLE", available: 9, version: 2));
        await projection.HandleAsync(StockEvent("APPLE", available: 8, version: 3));

        projection.Clock.Advance(TimeSpan.FromMilliseconds(500));
        var tooSoon = await projection.Flusher.FlushOnceAsync(_timeout);
        projection.Clock.Advance(TimeSpan.FromMilliseconds(500));
        var due = await projection.Flusher.FlushOnceAsync(_timeout);

        var name = projection.Client.DocumentName(LiveDocuments.StockCollection, LiveDocuments.StockId(Warehouse, "APPLE"));
        var document = (await projection.ReadAsync([name]))[name];
        Assert.Equal((1, 0, 1), (first, tooSoon, due));
        Assert.Equal(3, document.Integer("version"));
        Assert.Equal(8, document.Fields["available"].DoubleValue);
        Assert.Equal(2, projection.Writes.All.Count);
    }

    [Fact]
    public async Task A_stale_or_duplicate_event_arriving_after_the_write_never_moves_the_document_back()
    {
        await using var projection = await ProjectionHarness.StartAsync(infrastructure);
        await projection.HandleAsync(StockEvent("PEAR", available: 5, version: 7));
        await projection.DrainAsync();

        await projection.HandleAsync(StockEvent("PEAR", available: 50, version: 3));
        await projection.HandleAsync(StockEvent("PEAR", available: 5, version: 7));
        await projection.DrainAsync();

        var name = projection.Client.DocumentName(LiveDocuments.StockCollection, LiveDocuments.StockId(Warehouse, "PEAR"));
        var document = (await projection.ReadAsync([name]))[name];
        Assert.Equal(7, document.Integer("version"));
        Assert.Equal(5, document.Fields["available"].DoubleValue);
        Assert.Single(projection.Writes.All);
    }

    [Fact]
    public async Task An_event_from_before_versions_fills_an_empty_document_but_never_replaces_a_versioned_state()
    {
        await using var projection = await ProjectionHarness.StartAsync(infrastructure);
        await projection.HandleAsync(StockEvent("FIG", available: 4, version: 0));
        await projection.DrainAsync();
        var name = projection.Client.DocumentName(LiveDocuments.StockCollection, LiveDocuments.StockId(Warehouse, "FIG"));
        var filled = (await projection.ReadAsync([name]))[name];

        await projection.HandleAsync(StockEvent("FIG", available: 3, version: 2));
        await projection.HandleAsync(StockEvent("FIG", available: 9, version: 0));
        await projection.DrainAsync();

        var document = (await projection.ReadAsync([name]))[name];
        Assert.Equal((1L, 4d), (filled.Integer("version"), filled.Fields["available"].DoubleValue));
        Assert.Equal((2L, 3d), (document.Integer("version"), document.Fields["available"].DoubleValue));
        Assert.Equal(2, projection.Writes.All.Count);
    }

    [Fact]
    public async Task A_client_listening_to_a_slot_document_sees_availability_change_when_a_hold_is_taken()
    {
        await using var projection = await ProjectionHarness.StartAsync(infrastructure);
        var zone = Guid.NewGuid();
        var slot = Guid.NewGuid();
        await projection.HandleAsync(SlotEvent(zone, slot, held: 1, version: 1));
        await projection.Flusher.FlushOnceAsync(_timeout);
        var name = projection.Client.DocumentName(LiveDocuments.SlotsCollection, LiveDocuments.SlotId(zone, slot));
        await using var listen = projection.Client.Listen(_timeout);
        await listen.WriteAsync(new Google.Cloud.Firestore.V1.ListenRequest
        {
            AddTarget = new Google.Cloud.Firestore.V1.Target
            {
                TargetId = 1,
                Documents = new Google.Cloud.Firestore.V1.Target.Types.DocumentsTarget { Documents = { name } },
            },
        });
        await using var changes = listen.GetResponseStream(_timeout).GetAsyncEnumerator(_timeout);
        var before = await FirestoreClientTests.NextDocumentAsync(changes);

        await projection.HandleAsync(SlotEvent(zone, slot, held: 2, version: 2));
        await projection.DrainAsync();
        // A Commit can reach the listener as more than one change (the write, then its server-time transform): wait for the version.
        var afterHold = await FirestoreClientTests.NextDocumentAsync(changes, d => d.Integer("version") == 2);
        await projection.HandleAsync(SlotEvent(zone, slot, held: 3, version: 3));
        await projection.DrainAsync();
        var afterLastHold = await FirestoreClientTests.NextDocumentAsync(changes, d => d.Integer("version") == 3);

        Assert.Equal((1L, 2L, true), (before.Integer("held"), before.Integer("remaining"), before.Boolean("open")));
        Assert.Equal((2L, 1L, true), (afterHold.Integer("held"), afterHold.Integer("remaining"), afterHold.Boolean("open")));
        Assert.Equal((3L, 0L, false), (afterLastHold.Integer("held"), afterLastHold.Integer("remaining"), afterLastHold.Boolean("open")));
        Assert.Equal(0, afterLastHold.Integer("confirmed"));
        Assert.Equal(3, afterLastHold.Integer("capacity"));
    }

    private static StockLevelChangedIntegrationEvent StockEvent(string sku, long available, long version) =>
        new(sku, Warehouse, available, available switch { <= 0 => StockState.Out, < 100 => StockState.Low, _ => StockState.In },
            new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), version);

    private static SlotAvailabilityChangedIntegrationEvent SlotEvent(Guid zone, Guid slot, int held, long version) =>
        new(slot, zone, new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 11, 0, 0, TimeSpan.Zero),
            Capacity: 3, Remaining: 3 - held, Closed: false, Held: held, Confirmed: 0, Version: version);
}
