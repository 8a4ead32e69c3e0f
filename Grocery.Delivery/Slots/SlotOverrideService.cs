using Grocery.Contracts.Delivery;
using Grocery.Delivery.Data;
using Grocery.Messaging.Outbox;
using Npgsql;

namespace Grocery.Delivery.Slots;

/// <summary>
/// Store managers' slot overrides. Closing an open slot tells Ordering about every order booked on it
/// (SlotUnavailable, in the same transaction): an order whose saga has not finished is cancelled and
/// gives its stock back; an order already confirmed keeps its booking for staff to rearrange.
/// </summary>
public sealed class SlotOverrideService(NpgsqlDataSource dataSource, IIntegrationEventOutbox outbox)
{
    public async Task<SlotOverrideOutcome> OverrideAsync(Guid slotId, int? capacity, bool? closed, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        bool wasClosed, isClosed;
        await using (var update = new NpgsqlCommand(SlotSql.OverrideSlot, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = slotId });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)capacity ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)closed ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                await reader.DisposeAsync();
                return await DescribeRefusalAsync(connection, transaction, slotId, cancellationToken);
            }
            (wasClosed, isClosed) = (reader.GetBoolean(0), reader.GetBoolean(1));
        }

        if (!wasClosed && isClosed)
        {
            var booked = new List<(Guid HoldId, Guid OrderId)>();
            await using (var query = new NpgsqlCommand(SlotSql.BookedOrders, connection, transaction))
            {
                query.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = slotId });
                await using var reader = await query.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) booked.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
            foreach (var (holdId, orderId) in booked)
                await outbox.AddAsync(new SlotUnavailableIntegrationEvent(orderId, slotId, holdId, SlotBookingService.SlotClosedReason),
                    transaction, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new SlotOverrideOutcome(true, true);
    }

    private static async Task<SlotOverrideOutcome> DescribeRefusalAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid slotId, CancellationToken cancellationToken)
    {
        await using var taken = new NpgsqlCommand(SlotSql.SlotTaken, connection, transaction);
        taken.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = slotId });
        return await taken.ExecuteScalarAsync(cancellationToken) is int count ? new SlotOverrideOutcome(true, false, count) : SlotOverrideOutcome.NotFound;
    }
}
