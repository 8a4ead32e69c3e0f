using System.Data.Common;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Messaging;
using Grocery.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Grocery.Delivery.IntegrationEvents.EventHandling;

/// <summary>
/// Turns the order's hold into a confirmed booking. A hold that expired meanwhile is confirmed only
/// if the slot still has room, by the same conditional update that guards holds.
/// </summary>
public sealed class OrderPlacedHandler(DeliveryDbContext db, IIntegrationEventOutbox outbox, TimeProvider time)
    : IIntegrationEventHandler<OrderPlacedIntegrationEvent>
{
    private const string ConfirmActiveHold = """
        WITH confirmed AS (
            UPDATE delivery.slot_holds SET status = 'Confirmed', order_id = $2, ended_at = $4
             WHERE id = $1 AND slot_id = $3 AND status = 'Active'
            RETURNING slot_id)
        UPDATE delivery.slots s SET held = s.held - 1, confirmed = s.confirmed + 1, availability_dirty = true
          FROM confirmed c WHERE s.id = c.slot_id
        RETURNING s.zone_id, s.window_start, s.window_end, s.fee
        """;

    private const string ConfirmWithoutHold = """
        UPDATE delivery.slots s SET confirmed = s.confirmed + 1, availability_dirty = true
         WHERE s.id = $1 AND s.held + s.confirmed < s.capacity AND NOT s.closed
           AND EXISTS (SELECT 1 FROM delivery.slot_holds h WHERE h.id = $2 AND h.slot_id = $1 AND h.status IN ('Expired', 'Released'))
        RETURNING s.zone_id, s.window_start, s.window_end, s.fee
        """;

    private const string MarkHoldConfirmed = "UPDATE delivery.slot_holds SET status = 'Confirmed', order_id = $2, ended_at = $3 WHERE id = $1";

    public async Task HandleAsync(OrderPlacedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var already = await db.SlotHolds.AsNoTracking().AnyAsync(h => h.OrderId == e.OrderId, cancellationToken);
        if (already) return;

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var now = time.GetUtcNow();

        var slot = await QueryAsync(connection, transaction, ConfirmActiveHold, cancellationToken, e.SlotHoldId, e.OrderId, e.SlotId, now);
        if (slot is null)
        {
            slot = await QueryAsync(connection, transaction, ConfirmWithoutHold, cancellationToken, e.SlotId, e.SlotHoldId);
            if (slot is not null)
            {
                await using var mark = new NpgsqlCommand(MarkHoldConfirmed, connection, transaction);
                mark.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.SlotHoldId });
                mark.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.OrderId });
                mark.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                await mark.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (slot is null)
        {
            outbox.Add(new SlotUnavailableIntegrationEvent(e.OrderId, e.SlotId, e.SlotHoldId,
                "The slot hold is no longer valid and the slot has no capacity left."));
            return;
        }

        var zone = await db.Zones.AsNoTracking().SingleOrDefaultAsync(z => z.Id == slot.ZoneId, cancellationToken);
        var fee = zone?.DeliveryFee(slot.Fee, e.EstimatedTotal) ?? slot.Fee;
        outbox.Add(new SlotConfirmedIntegrationEvent(e.OrderId, e.SlotId, e.SlotHoldId, slot.ZoneId, slot.WindowStart, slot.WindowEnd, fee));
    }

    private static async Task<ConfirmedSlot?> QueryAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken, params object[] parameters)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new ConfirmedSlot(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetDecimal(3));
    }

    private sealed record ConfirmedSlot(Guid ZoneId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, decimal Fee);
}
