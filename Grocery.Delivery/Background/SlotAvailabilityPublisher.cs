using Grocery.Contracts.Delivery;
using Grocery.Delivery.Data;
using Grocery.Delivery.Slots;
using Grocery.Messaging.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grocery.Delivery.Background;

/// <summary>
/// Publishes SlotAvailabilityChanged for slots whose capacity, holds, bookings or closing changed, with
/// their figures and version as they are now. Every change only flags the slot, so the hot path writes no
/// outbox row and a live slot picker gets at most one event per slot per interval, carrying its latest state.
/// </summary>
public sealed class SlotAvailabilityPublisher(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options)
{
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dataSource = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>();
        var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changes = new List<SlotAvailabilityChangedIntegrationEvent>();
        await using (var claim = new NpgsqlCommand(SlotSql.ClaimChangedAvailability, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Value.AvailabilityBatchSize });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (capacity, held, confirmed) = (reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6));
                changes.Add(new SlotAvailabilityChangedIntegrationEvent(reader.GetGuid(0), reader.GetGuid(1),
                    reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), capacity,
                    Math.Max(0, capacity - held - confirmed), reader.GetBoolean(7), held, confirmed, reader.GetInt64(8)));
            }
        }
        foreach (var change in changes) await outbox.AddAsync(change, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }
}
