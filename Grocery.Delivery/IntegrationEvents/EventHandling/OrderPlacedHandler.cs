using System.Data.Common;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Delivery.Domain;
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
    // Locks the hold, then its slot (the order every path uses), so a store manager closing the slot
    // either commits first and is seen here, or waits and then sees this booking to notify about it.
    private const string LockHoldAndSlot = """
        SELECT h.status, s.closed
          FROM delivery.slot_holds h JOIN delivery.slots s ON s.id = h.slot_id
         WHERE h.id = $1 AND h.slot_id = $2
           FOR UPDATE OF h, s
        """;

    private const string ConfirmActiveHold = """
        WITH confirmed AS (
            UPDATE delivery.slot_holds SET status = 'Confirmed', order_id = $2, ended_at = $4
             WHERE id = $1 AND slot_id = $3 AND status = 'Active'
            RETURNING slot_id)
        UPDATE delivery.slots s SET held = s.held - 1, confirmed = s.confirmed + 1, availability_dirty = true
          FROM confirmed c WHERE s.id = c.slot_id
        RETURNING s.zone_id, s.window_start, s.window_end, s.fee
        """;

    private const string ReleaseHoldOfClosedSlot = """
        WITH released AS (
            UPDATE delivery.slot_holds SET status = 'Released', ended_at = $2
             WHERE id = $1 AND status = 'Active'
            RETURNING slot_id)
        UPDATE delivery.slots s SET held = s.held - 1, availability_dirty = true
          FROM released r WHERE s.id = r.slot_id
        """;

    private const string ConfirmWithoutHold = """
        UPDATE delivery.slots s SET confirmed = s.confirmed + 1, availability_dirty = true
         WHERE s.id = $1 AND s.held + s.confirmed < s.capacity AND NOT s.closed
           AND EXISTS (SELECT 1 FROM delivery.slot_holds h WHERE h.id = $2 AND h.slot_id = $1 AND h.status IN ('Expired', 'Released'))
        RETURNING s.zone_id, s.window_start, s.window_end, s.fee
        """;

    private const string MarkHoldConfirmed = "UPDATE delivery.slot_holds SET status = 'Confirmed', order_id = $2, ended_at = $3 WHERE id = $1";

    public const string SlotClosedReason = "The store closed this delivery slot.";

    public async Task HandleAsync(OrderPlacedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var already = await db.SlotHolds.AsNoTracking().AnyAsync(h => h.OrderId == e.OrderId, cancellationToken);
        if (already) return;

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var now = time.GetUtcNow();

        var (holdStatus, slotClosed) = await LockAsync(connection, transaction, e, cancellationToken);
        if (holdStatus == nameof(HoldStatus.Active) && slotClosed)
        {
            await using var release = new NpgsqlCommand(ReleaseHoldOfClosedSlot, connection, transaction);
            release.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.SlotHoldId });
            release.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await release.ExecuteNonQueryAsync(cancellationToken);
            outbox.Add(new SlotUnavailableIntegrationEvent(e.OrderId, e.SlotId, e.SlotHoldId, SlotClosedReason));
            return;
        }

        var slot = holdStatus == nameof(HoldStatus.Active)
            ? await QueryAsync(connection, transaction, ConfirmActiveHold, cancellationToken, e.SlotHoldId, e.OrderId, e.SlotId, now)
            : null;
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

    private static async Task<(string? HoldStatus, bool SlotClosed)> LockAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        OrderPlacedIntegrationEvent e, CancellationToken cancellationToken)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(LockHoldAndSlot, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.SlotHoldId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.SlotId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetBoolean(1)) : (null, false);
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
