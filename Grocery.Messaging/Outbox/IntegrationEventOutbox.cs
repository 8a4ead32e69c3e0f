using Grocery.Messaging.Storage;

namespace Grocery.Messaging.Outbox;

internal sealed class IntegrationEventOutbox<TDbContext>(
    TDbContext dbContext, OutboxMessageFactory factory, ICorrelationContext correlation) : IIntegrationEventOutbox
    where TDbContext : DbContext
{
    public void Add(IIntegrationEvent @event) => dbContext.Set<OutboxMessage>().Add(factory.Create(@event, correlation));

    public async Task AddAsync(IIntegrationEvent @event, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        var message = factory.Create(@event, correlation);
        await using var command = new NpgsqlCommand(OutboxSql.Insert, transaction.Connection, transaction);
        command.Parameters.AddWithValue("message_id", message.MessageId);
        command.Parameters.AddWithValue("topic", message.Topic);
        command.Parameters.AddWithValue("partition_key", message.PartitionKey);
        command.Parameters.AddWithValue("event_type", message.EventType);
        command.Parameters.AddWithValue("payload", message.Payload);
        command.Parameters.AddWithValue("traceparent", (object?)message.Traceparent ?? DBNull.Value);
        command.Parameters.AddWithValue("created_at", message.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
