using Confluent.Kafka;
using Grocery.Contracts;
using Grocery.Messaging;
using Grocery.Messaging.Topics;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Notifying;
using Grocery.Notifications.Templates;

namespace Grocery.Notifications.Tests;

/// <summary>Each event notifies at most once: redelivered from Kafka, or handled again after its transaction rolled back.</summary>
public sealed class ReplayTests(NotificationsInfrastructure infra)
{
    private NotificationsApp App => infra.App;

    [Fact]
    public async Task Events_delivered_again_by_Kafka_send_nothing_twice()
    {
        var journey = new OrderJourney(infra.NewShopper("en"));
        await journey.RunAsync(App);
        await infra.MailsEventuallyAsync(journey.Shopper.Email, 4, "the journey's four mails arrived");

        var replayed = await RedeliverAsync(App.BootstrapServers, journey.OrderId.ToString(), [GroceryTopics.Ordering, GroceryTopics.Delivery]);
        Assert.Equal(7, replayed);
        // Fresh events of the same order go out after the copies on the same partitions, and one key is
        // handled in order: once their mails arrive, the copies were handled before them.
        await App.PublishAsync(journey.PaymentFailed());
        await App.PublishAsync(journey.Dispatched());

        var mails = await infra.MailsEventuallyAsync(journey.Shopper.Email, 6, "the two fresh events' mails arrived");
        Assert.Equal(Mails.Sorted("orderConfirmed", "itemsChanged", "outForDelivery", "delivered", "paymentActionNeeded", "outForDelivery"),
            mails.Kinds());
        Assert.Equal(6, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.OrderId == journey.OrderId)));
    }

    [Fact]
    public async Task A_handler_whose_transaction_rolled_back_queued_nothing_and_running_it_again_sends_the_mail_once()
    {
        var shopper = infra.NewShopper("vi");
        var journey = new OrderJourney(shopper);
        await App.WithDbAsync(async db =>
        {
            db.Orders.Add(new OrderRecipient(journey.OrderId, shopper.UserId, OrderJourney.SlotStart, OrderJourney.SlotEnd,
                PaymentMethod.CashOnDelivery, 240_000, 20_000, [], DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var context = new IntegrationEventContext(Guid.NewGuid().ToString(), "grocery.ordering.OrderConfirmed", "ordering", DateTimeOffset.UtcNow,
            journey.OrderId.ToString(), Guid.NewGuid().ToString(), null, GroceryTopics.Ordering, 0, 0, 1, false);

        // First run: the transaction is lost (as when a batch falls back to single messages), and the queued mail with it.
        await NotifyInTransactionAsync(journey.OrderId, context, commit: false);
        Assert.False(await App.WithDbAsync(db => db.Notifications.AnyAsync(n => n.SourceMessageId == context.MessageId)));
        Assert.False(await App.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.UserId == shopper.UserId)));

        await NotifyInTransactionAsync(journey.OrderId, context with { Attempt = 2 }, commit: true);

        var notification = await Eventually.GetAsync(
            () => App.WithDbAsync(db => db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.SourceMessageId == context.MessageId)),
            n => n?.Email == EmailOutcome.Sent, "the mail was sent");
        var mail = Assert.Single(await infra.MailsEventuallyAsync(shopper.Email, 1, "the mail arrived"));
        Assert.Equal(OutgoingMail.MessageIdFor(notification.Id), mail.MessageId);
    }

    private async Task NotifyInTransactionAsync(Guid orderId, IntegrationEventContext context, bool commit)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var order = (await notifier.FindOrderAsync(orderId, "OrderConfirmed", CancellationToken.None))!;
        await notifier.NotifyAsync(order, NotificationKind.OrderConfirmed,
            f => OrderMessages.Confirmed(order, f, notifier.OrderLink(orderId)), context, CancellationToken.None);
        await db.SaveChangesAsync();
        if (commit) await transaction.CommitAsync();
        else await transaction.RollbackAsync();
    }

    /// <summary>Reads every message of <paramref name="key"/> on the topics and produces exact copies (same envelope id) to the same partitions.</summary>
    private static async Task<int> RedeliverAsync(string bootstrapServers, string key, string[] topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "replay-" + Guid.NewGuid(),
            EnableAutoCommit = false,
        }).Build();
        var partitions = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Where(t => topics.Contains(t.Topic))
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId))).ToList();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var copies = new List<(TopicPartition Partition, Message<string, byte[]> Message)>();
        var remaining = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (remaining.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result) continue;
            if (result.Message.Key == key)
                copies.Add((result.TopicPartition, new Message<string, byte[]> { Key = result.Message.Key, Value = result.Message.Value, Headers = result.Message.Headers }));
            if (result.Offset.Value + 1 >= ends[result.TopicPartition]) remaining.Remove(result.TopicPartition);
        }
        Assert.Empty(remaining);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, Acks = Acks.All }).Build();
        foreach (var (partition, message) in copies) await producer.ProduceAsync(partition, message);
        return copies.Count;
    }
}
