using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Google.Cloud.Firestore.V1;
using Grocery.AppHost.Infrastructure;
using Grocery.EndToEnd.Tests.Support;
using Grocery.Firestore;
using Grocery.Firestore.Projection;

namespace Grocery.EndToEnd.Tests.Firestore;

/// <summary>
/// Inventory and Delivery project their live read model into the AppHost's Firestore emulator: a client
/// listening on a document (gRPC Listen, as a phone or browser would) sees the change the system made.
/// </summary>
public sealed class FirestoreLiveDocumentsTests(GroceryAppFixture system, ITestOutputHelper output) : IAsyncDisposable
{
    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The issue's bound, the one timing these tests assert: a reservation changes the stock document within two
    /// seconds. By construction the path takes at most about 1.2 s plus the hops' own work (see
    /// Grocery.Firestore/README.md, "Latency"), so the bound keeps its margin on a loaded machine.
    /// </summary>
    private static readonly TimeSpan ReservationReachesTheDocument = TimeSpan.FromSeconds(2);

    private readonly GrpcFirestoreClient _firestore = new(new FirestoreOptions
    {
        EmulatorHost = $"127.0.0.1:{system.App.GetEndpoint(FirestoreExtensions.ResourceName, "grpc").Port}",
    });

    private readonly List<FirestoreListenStream> _streams = [];

    [Fact]
    public async Task A_listener_on_a_slot_document_sees_the_remaining_capacity_drop_when_a_shopper_holds_the_slot()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal>(), slotCapacity: 3, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Settles);
        var changes = await ListenAsync(LiveDocuments.SlotsCollection, LiveDocuments.SlotId(store.ZoneId, store.Slot.Id), deadline.Token);

        await shopper.HoldSlotAsync(store.Slot.Id, ct);

        var document = await NextAsync(changes, d => d.Integer("remaining") == 2);
        Assert.Equal(3, document.Integer("capacity"));
        Assert.True(document.Boolean("open"));
        Assert.Equal(store.Slot.Id.ToString(), document.String("slotId"));
    }

    [Fact]
    public async Task A_reservation_that_takes_the_last_item_turns_the_stock_document_out_for_a_listener()
    {
        var ct = TestContext.Current.CancellationToken;
        var manager = await SystemAccounts.StaffAsync(system, ct);
        var product = (await TestCatalog.ImportAsync(system, manager, [new("Bơ sáp Đắk Lắk", 45_000m, TaxRate: 5)], ct))[0];
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [product.Sku] = 1m }, slotCapacity: 3, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Settles);
        var changes = await ListenAsync(LiveDocuments.StockCollection, LiveDocuments.StockId(store.WarehouseId, product.Sku), deadline.Token);
        // Receiving the item into an empty row crossed from out to in: the document exists before the order.
        var received = await NextAsync(changes, d => d.String("state") == "in");
        Assert.Equal(1d, received.Fields["available"].DoubleValue);

        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(product.Product, 1m)], ct);
        var placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
        var since = Stopwatch.StartNew();

        var sold = await NextAsync(changes, d => d.String("state") == "out");
        // Through the saga: checkout answers before Inventory reserves, in an event handler.
        output.WriteLine($"The stock document showed the order's reservation {since.ElapsedMilliseconds} ms after checkout answered.");
        Assert.Equal(0d, sold.Fields["available"].DoubleValue);
        Assert.True(sold.Integer("version") > received.Integer("version"));
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(placed.Id, ct)).Status);
    }

    [Fact]
    public async Task A_reservation_changes_the_stock_documents_available_figure_for_a_listener_within_two_seconds()
    {
        var ct = TestContext.Current.CancellationToken;
        var manager = await SystemAccounts.StaffAsync(system, ct);
        var product = (await TestCatalog.ImportAsync(system, manager, [new("Xoài cát Hòa Lộc", 60_000m, TaxRate: 5)], ct))[0];
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [product.Sku] = 40m }, slotCapacity: 3, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Settles);
        var changes = await ListenAsync(LiveDocuments.StockCollection, LiveDocuments.StockId(store.WarehouseId, product.Sku), deadline.Token);
        var received = await NextAsync(changes, d => d.Fields["available"].DoubleValue == 40d);
        var inventory = await shopper.ClientAsync(ResourceNames.Inventory, ct);
        var orderId = Guid.NewGuid();
        using var reserve = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reservations")
        {
            Content = JsonContent.Create(new { orderId, warehouseId = store.WarehouseId, lines = new[] { new { sku = product.Sku, quantity = 2m } } },
                options: ApiJson.Options),
        };
        reserve.Headers.Add("Idempotency-Key", orderId.ToString());

        await (await inventory.SendAsync(reserve, ct)).ExpectAsync(HttpStatusCode.Created);
        var answeredAt = DateTimeOffset.UtcNow;
        var since = Stopwatch.StartNew();
        var reserved = await NextAsync(changes, d => d.Fields["available"].DoubleValue == 38d);
        var seen = since.Elapsed;

        // Where the time went, by the machine's one clock: the publisher's round (the event's changedAt), the
        // flusher's Commit (a server-time transform, which the emulator may deliver as a second change) and the listener.
        string After(string field) => reserved.Fields.TryGetValue(field, out var value) && value.TimestampValue is { } at
            ? $"{(at.ToDateTimeOffset() - answeredAt).TotalMilliseconds:F0} ms"
            : "(not in the change)";
        output.WriteLine($"Reservation answered → stock document seen by the listener: {seen.TotalMilliseconds:F0} ms " +
            $"(published {After("changedAt")}, written {After(LiveDocumentFlusher<Microsoft.EntityFrameworkCore.DbContext>.UpdatedAtField)} after the answer).");
        Assert.True(seen <= ReservationReachesTheDocument,
            $"The stock document changed {seen.TotalMilliseconds:F0} ms after the reservation was answered; the bound is {ReservationReachesTheDocument.TotalMilliseconds} ms.");
        Assert.Equal("in", reserved.String("state"));
        Assert.True(reserved.Integer("version") > received.Integer("version"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var stream in _streams) await stream.DisposeAsync();
        _firestore.Dispose();
    }

    private async Task<IAsyncEnumerator<ListenResponse>> ListenAsync(string collection, string id, CancellationToken ct)
    {
        var listen = _firestore.Listen(ct);
        _streams.Add(listen);
        await listen.WriteAsync(new ListenRequest
        {
            AddTarget = new Target
            {
                TargetId = 1,
                Documents = new Target.Types.DocumentsTarget { Documents = { _firestore.DocumentName(collection, id) } },
            },
        });
        return listen.GetResponseStream(ct).GetAsyncEnumerator(ct);
    }

    private static async Task<Document> NextAsync(IAsyncEnumerator<ListenResponse> changes, Func<Document, bool> wanted)
    {
        while (await changes.MoveNextAsync())
        {
            if (changes.Current.DocumentChange is { } change && wanted(change.Document)) return change.Document;
        }
        throw new InvalidOperationException("The listen stream ended before the expected document state.");
    }
}
