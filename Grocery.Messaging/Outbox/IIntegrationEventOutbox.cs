namespace Grocery.Messaging.Outbox;

/// <summary>
/// Writes integration events to the service database's outbox so they commit (or roll back) with
/// the state change; the relay publishes them after commit.
/// </summary>
public interface IIntegrationEventOutbox
{
    /// <summary>Adds the event to the scope's DbContext; it is written by the next SaveChanges, in its transaction.</summary>
    void Add(IIntegrationEvent @event);

    /// <summary>Writes the event inside a raw Npgsql transaction (atomic conditional updates in SQL).</summary>
    Task AddAsync(IIntegrationEvent @event, NpgsqlTransaction transaction, CancellationToken cancellationToken = default);
}
