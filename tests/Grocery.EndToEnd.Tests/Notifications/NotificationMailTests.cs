using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using Grocery.EndToEnd.Tests.Support;
using Grocery.Messaging.Topics;

namespace Grocery.EndToEnd.Tests.Notifications;

/// <summary>
/// What the shopper hears about a cash-on-delivery order, through the running system: the notifier's
/// mails read back from the local run's smtp4dev, and the same events delivered again by Kafka.
/// </summary>
public sealed class NotificationMailTests(GroceryAppFixture system)
{
    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(90);

    // Grocery.Messaging's default consumer group is the service's name.
    private const string NotifierGroup = "notifications";

    [Fact]
    public async Task A_cash_on_delivery_order_to_delivered_mails_the_shopper_exactly_four_times_in_english_and_events_delivered_again_send_nothing_new()
    {
        var ct = TestContext.Current.CancellationToken;
        var inbox = await Smtp4devInbox.ConnectAsync(system, ct);
        var manager = await SystemAccounts.StaffAsync(system, ct);
        var products = await TestCatalog.ImportAsync(system, manager,
        [
            new("Gạo ST25 túi 5 kg", 150_000m, TaxRate: 5),
            new("Sữa tươi 1 L", 30_000m, TaxRate: 8, Unit: "ml", NetContent: 1000, Storage: "chilled"),        // short: replaced by the dearer one below
            new("Sữa tươi hữu cơ 1 L", 36_000m, TaxRate: 8, Unit: "ml", NetContent: 1000, Storage: "chilled"), // charged at 30,000
            new("Bánh quy bơ", 20_000m, TaxRate: 10),                                                           // removed, no substitute wanted
        ], ct);
        var (rice, milk, organicMilk, biscuits) = (products[0], products[1], products[2], products[3]);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal>
        {
            [rice.Sku] = 5m, [milk.Sku] = 2m, [organicMilk.Sku] = 5m, [biscuits.Sku] = 1m,
        }, slotCapacity: 3, ct);
        var picker = await SystemAccounts.WarehouseStaffAsync(system, GroceryRoles.Picker, ct);
        await SystemAccounts.AssignAsync(system, picker, store.WarehouseId, ct);
        var driver = await SystemAccounts.WarehouseStaffAsync(system, GroceryRoles.Driver, ct);
        await SystemAccounts.AssignAsync(system, driver, store.WarehouseId, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 2, ct);
        await using var english = await shopper.SpeakingAsync("en", ct);

        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(rice.Product, 1m, "None"), (milk.Product, 2m, "AnySimilar"), (biscuits.Product, 1m, "None")], ct);
        var placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(placed.Id, ct)).Status);

        var picking = await picker.ClientAsync(ResourceNames.Ordering, ct);
        await (await picking.PostAsync($"/api/v1/picking/{placed.Id}/claim", null, ct)).ExpectAsync(HttpStatusCode.OK);
        var list = await (await picking.GetAsync($"/api/v1/picking/{placed.Id}", ct)).ExpectAsync(HttpStatusCode.OK).ReadAsync<PickListView>(ct);
        await PostAsync(picking, $"/api/v1/picking/{placed.Id}/lines/{list.Line(rice.Sku).LineNo}/pick", new { gtin = rice.Gtin, quantity = 1m }, ct);
        await PostAsync(picking, $"/api/v1/picking/{placed.Id}/lines/{list.Line(milk.Sku).LineNo}/short", new { available = 0m }, ct);
        await PostAsync(picking, $"/api/v1/picking/{placed.Id}/lines/{list.Line(milk.Sku).LineNo}/substitute", new { sku = organicMilk.Sku, quantity = 2m }, ct);
        await PostAsync(picking, $"/api/v1/picking/{placed.Id}/lines/{list.Line(biscuits.Sku).LineNo}/remove", new { reason = "Sold out on the shelf" }, ct);
        var packed = await (await picking.PostAsJsonAsync($"/api/v1/picking/{placed.Id}/pack", new { packageCount = 1 }, ApiJson.Options, ct))
            .ExpectAsync(HttpStatusCode.OK).ReadAsync<PackView>(ct);
        // By hand: 150,000 + 2 × 30,000 (the substitute at the original's price), the biscuits removed, 15,000 delivery.
        Assert.Equal((210_000m, 15_000m, 225_000m), (packed.FinalSubtotal, packed.DeliveryFee, packed.FinalTotal));

        var driving = await driver.ClientAsync(ResourceNames.Delivery, ct);
        var slotDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(store.Slot.WindowStart, TimeZoneInfo.FindSystemTimeZoneById(StaffSession.TimeZone)).DateTime);
        var drop = await Eventually.Until(async () =>
            (await (await driving.GetAsync($"/api/v1/shipments?warehouseId={store.WarehouseId}&date={slotDay:O}", ct)).ExpectAsync(HttpStatusCode.OK)
                .ReadAsync<List<DriverShipmentView>>(ct)).SingleOrDefault(s => s.OrderId == placed.Id), s => s is not null, Settles);
        Assert.Equal(225_000m, drop?.AmountToCollect);
        await (await driving.PostAsync($"/api/v1/shipments/{placed.Id}/dispatched", null, ct)).ExpectAsync(HttpStatusCode.OK);
        await PostAsync(driving, $"/api/v1/shipments/{placed.Id}/delivered", new { cashCollected = 225_000m }, ct);
        Assert.Equal("Delivered", (await Eventually.Until(() => shopper.OrderAsync(placed.Id, ct), o => o.Status == "Delivered", Settles)).Status);

        var number = Grocery.Contracts.Ordering.OrderNumber.Of(placed.Id);
        await Eventually.TrueAsync(async () => (await NotifierMailQueue.StatusesAsync(system, placed.Id, ct)) is ["Sent", "Sent", "Sent", "Sent"],
            "the notifier sent the confirmation, the changes, out for delivery and the receipt", 90);
        // SMTP is at least once: a mail the relay accepted but whose answer came too late (a loaded CI machine) is sent
        // again under the same Message-ID, which mail clients show once; a second notification would carry another id.
        var mails = (await Eventually.Until(() => inbox.MailsAsync(shopper.Email, placed.Id, ct), m => m.Count >= 4, TimeSpan.FromSeconds(30)))
            .DistinctBy(m => m.MessageId).ToList();
        Assert.Equal(["delivered", "itemsChanged", "orderConfirmed", "outForDelivery"], mails.Select(m => m.Kind).Order());
        Assert.All(mails, m =>
        {
            Assert.Equal("en", m.Language);
            Assert.Contains(number, m.Subject);
            Assert.StartsWith("Hello ", m.Text);
            Assert.EndsWith("@notifications.grocery.local>", m.MessageId);
        });

        var confirmed = mails.Single(m => m.Kind == "orderConfirmed");
        Assert.Equal($"Order {number} is confirmed", confirmed.Subject);
        Assert.Contains("Goods (estimate): 230,000 ₫", confirmed.Text);
        Assert.Contains("Delivery fee: 15,000 ₫", confirmed.Text);
        Assert.Contains("Total (estimate): 245,000 ₫", confirmed.Text);
        Assert.Contains("Payment: Cash on delivery", confirmed.Text);

        var changed = mails.Single(m => m.Kind == "itemsChanged");
        Assert.Equal($"Changes to order {number}", changed.Subject);
        Assert.Contains($"{milk.Sku}: replaced by {organicMilk.Sku} × 2: 60,000 ₫ (ordered: 60,000 ₫)", changed.Text);
        Assert.Contains($"{biscuits.Sku}: out of stock, removed: not charged (ordered: 20,000 ₫)", changed.Text);
        Assert.DoesNotContain(rice.Sku, changed.Text);
        Assert.Contains("Goods total now: 210,000 ₫", changed.Text);

        var onItsWay = mails.Single(m => m.Kind == "outForDelivery");
        Assert.Equal($"Order {number} is on its way", onItsWay.Subject);
        Assert.Contains("To pay in cash: 225,000 ₫", onItsWay.Text);
        Assert.Contains($"/orders/{placed.Id}", onItsWay.Text);

        var receipt = mails.Single(m => m.Kind == "delivered");
        Assert.Equal($"Order {number} was delivered", receipt.Subject);
        Assert.Contains($"{rice.Sku} × 1: 150,000 ₫", receipt.Text);
        Assert.Contains($"{organicMilk.Sku} × 2: 60,000 ₫", receipt.Text);
        Assert.Contains("Goods: 210,000 ₫", receipt.Text);
        Assert.Contains("Total: 225,000 ₫", receipt.Text);
        Assert.Contains("Paid in cash: 225,000 ₫", receipt.Text);

        // Kafka delivers the order's events again (same envelope ids); once the notifier's group is past
        // the copies, it has queued no new notification or mail, and smtp4dev holds the same four.
        var bootstrap = await system.GetConnectionStringAsync(ResourceNames.Kafka);
        var copies = await DeliverAgainAsync(bootstrap, placed.Id.ToString(), ct);
        Assert.True(copies.Count >= 7, $"Only {copies.Count} events of the order were delivered again.");
        await Eventually.TrueAsync(() => HandledAsync(bootstrap, copies), "the notifier's consumer group is past the copies", 90);
        Assert.Equal(["Sent", "Sent", "Sent", "Sent"], await NotifierMailQueue.StatusesAsync(system, placed.Id, ct));
        var after = await inbox.MailsAsync(shopper.Email, placed.Id, ct);
        Assert.Equal(mails.Select(m => m.MessageId).Order(), after.Select(m => m.MessageId).Distinct().Order());
    }

    private static async Task PostAsync(HttpClient client, string url, object body, CancellationToken ct) =>
        await (await client.PostAsJsonAsync(url, body, ApiJson.Options, ct)).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Reads every event of the key on Ordering's and Delivery's topics and produces exact copies to the same partitions.</summary>
    private static async Task<IReadOnlyList<TopicPartitionOffset>> DeliverAgainAsync(string bootstrap, string key, CancellationToken ct)
    {
        string[] topics = [GroceryTopics.Ordering, GroceryTopics.Delivery];
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        using var reader = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"e2e-replay-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        var partitions = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Where(t => topics.Contains(t.Topic))
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId))).ToList();
        var ends = partitions.ToDictionary(p => p, p => reader.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        reader.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var copies = new List<(TopicPartition Partition, Message<string, byte[]> Message)>();
        var remaining = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (remaining.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (reader.Consume(TimeSpan.FromMilliseconds(200)) is not { } result) continue;
            if (result.Message.Key == key)
                copies.Add((result.TopicPartition, new Message<string, byte[]> { Key = key, Value = result.Message.Value, Headers = result.Message.Headers }));
            if (result.Offset.Value + 1 >= ends[result.TopicPartition]) remaining.Remove(result.TopicPartition);
        }
        Assert.Empty(remaining);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, Acks = Acks.All }).Build();
        var written = new List<TopicPartitionOffset>();
        foreach (var (partition, message) in copies) written.Add((await producer.ProduceAsync(partition, message, ct)).TopicPartitionOffset);
        return written;
    }

    /// <summary>Whether the notifier's group has committed past every copy (it commits only what it handled).</summary>
    private static async Task<bool> HandledAsync(string bootstrap, IReadOnlyList<TopicPartitionOffset> copies)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = copies.Select(c => c.TopicPartition).Distinct().ToList();
        var committed = (await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(NotifierGroup, partitions)]))
            .Single().Partitions.ToDictionary(p => p.TopicPartition, p => p.Offset.Value);
        return copies.All(c => committed.GetValueOrDefault(c.TopicPartition, -1) > c.Offset.Value);
    }
}
