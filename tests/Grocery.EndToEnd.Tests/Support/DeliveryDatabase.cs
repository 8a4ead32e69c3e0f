using Npgsql;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>
/// Reads Delivery's own tables: its API shows a slot's remaining places, not how many are held
/// versus confirmed, nor what became of a hold.
/// </summary>
public static class DeliveryDatabase
{
    public static async Task<SlotCounters> SlotCountersAsync(GroceryAppFixture system, Guid slotId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(await system.DirectConnectionStringAsync(ResourceNames.DeliveryDb));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT capacity, held, confirmed, closed FROM delivery.slots WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", slotId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"Slot {slotId} does not exist.");
        return new SlotCounters(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetBoolean(3));
    }

    public static async Task<string> HoldStatusAsync(GroceryAppFixture system, Guid holdId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(await system.DirectConnectionStringAsync(ResourceNames.DeliveryDb));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT status FROM delivery.slot_holds WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", holdId);
        return (string?)await command.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"Hold {holdId} does not exist.");
    }

    /// <summary>Moves a hold's expiry into the past, as if the shopper had waited past it (an hour by default).</summary>
    public static async Task BackdateHoldExpiryAsync(GroceryAppFixture system, Guid holdId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(await system.DirectConnectionStringAsync(ResourceNames.DeliveryDb));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("UPDATE delivery.slot_holds SET expires_at = now() - interval '1 second' WHERE id = @id AND status = 'Active'", connection);
        command.Parameters.AddWithValue("id", holdId);
        if (await command.ExecuteNonQueryAsync(ct) != 1) throw new InvalidOperationException($"Hold {holdId} is not active.");
    }
}
