using Grocery.Delivery.Data;
using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Grocery.Delivery.Slots;

/// <summary>
/// Turns an order's hold into a confirmed booking, and gives the booking back when the order is
/// cancelled. Runs in the caller's transaction (the inbox's), so the answer the caller publishes
/// commits with the counters.
/// </summary>
public sealed class SlotBookingService(DeliveryDbContext db, TimeProvider time)
{
    public const string SlotClosedReason = "The store closed this delivery slot.";

    public const string NoCapacityReason = "The slot hold is no longer valid and the slot has no capacity left.";

    /// <summary>
    /// Books the slot for the order. A hold that expired meanwhile is confirmed only if the slot still
    /// has room, by the same conditional update that guards holds. The fee is the slot's, unless the
    /// basket reaches the zone's free-delivery threshold.
    /// </summary>
    public async Task<SlotBooking> BookAsync(Guid orderId, Guid slotId, Guid holdId, decimal basketValue, CancellationToken cancellationToken)
    {
        if (await db.SlotHolds.AsNoTracking().AnyAsync(h => h.OrderId == orderId, cancellationToken)) return SlotBooking.AlreadyBooked;

        // Read before any lock: the zone's free-delivery rule does not depend on the booking.
        var zone = await db.Zones.AsNoTracking().SingleOrDefaultAsync(z => db.Slots.Any(s => s.Id == slotId && s.ZoneId == z.Id), cancellationToken);
        var now = time.GetUtcNow();
        var (holdStatus, slotClosed) = await LockHoldAsync(holdId, slotId, cancellationToken);
        ConfirmedSlot? slot;
        if (holdStatus == nameof(HoldStatus.Active))
        {
            slot = slotClosed ? null : await ConfirmAsync(SlotSql.ConfirmActiveHold, cancellationToken, holdId, orderId, slotId, now);
            if (slot is null)
            {
                // Only a closed slot refuses a hold this transaction has locked.
                await using var release = await CommandAsync(SlotSql.ReleaseHold, cancellationToken);
                release.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = holdId });
                release.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                release.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                await release.ExecuteNonQueryAsync(cancellationToken);
                return SlotBooking.Refused(SlotClosedReason);
            }
        }
        else
        {
            slot = await ConfirmAsync(SlotSql.ConfirmLapsedHold, cancellationToken, slotId, holdId, orderId, now);
            if (slot is null) return SlotBooking.Refused(NoCapacityReason);
        }

        var fee = zone?.DeliveryFee(slot.Fee, basketValue) ?? slot.Fee;
        return new SlotBooking(SlotBookingOutcome.Booked, slot.ZoneId, slot.WindowStart, slot.WindowEnd, fee, null);
    }

    /// <summary>Gives back the capacity a cancelled order took, whether its hold was confirmed yet or not.</summary>
    public async Task ReleaseOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var release = await CommandAsync(SlotSql.ReleaseOrder, cancellationToken);
        release.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = orderId });
        release.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(string? HoldStatus, bool SlotClosed)> LockHoldAsync(Guid holdId, Guid slotId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(SlotSql.LockHold, cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = holdId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = slotId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetBoolean(1)) : (null, false);
    }

    private async Task<ConfirmedSlot?> ConfirmAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = await CommandAsync(sql, cancellationToken);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new ConfirmedSlot(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetDecimal(3));
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(cancellationToken);
        return new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
    }

    private sealed record ConfirmedSlot(Guid ZoneId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, decimal Fee);
}

public enum SlotBookingOutcome
{
    Booked,
    AlreadyBooked,
    Refused,
}

/// <summary>The booked window and the fee Delivery charges for it, or why the slot could not be booked.</summary>
public sealed record SlotBooking(
    SlotBookingOutcome Outcome, Guid ZoneId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, decimal Fee, string? RefusalReason)
{
    public static SlotBooking AlreadyBooked { get; } = new(SlotBookingOutcome.AlreadyBooked, Guid.Empty, default, default, 0m, null);

    public static SlotBooking Refused(string reason) => new(SlotBookingOutcome.Refused, Guid.Empty, default, default, 0m, reason);
}
