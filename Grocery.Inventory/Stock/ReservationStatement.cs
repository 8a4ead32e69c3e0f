using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Grocery.Inventory.Stock;

/// <summary>
/// One call of inventory_reserve_batch for a list of orders. The function answers a word per order;
/// the reservation it stored is built here from the command the way the function stores it (lines
/// merged per SKU, in SKU order), so only a repeat reads the stored one back.
/// </summary>
public static class ReservationStatement
{
    private const string Sql = "SELECT o_outcome, o_detail FROM inventory_reserve_batch(@orders, @warehouses, @users, @actors, @counts, @skus, @qtys, @expires, @now)";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Returns each command's reservation in the order given, or null for a command whose warehouse
    /// does not exist. The commands must have distinct order ids; new reservations are created at
    /// <paramref name="clock"/> and stay pending for <paramref name="lifetime"/>.
    /// </summary>
    public static async Task<ReservationView?[]> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<ReserveStock> commands,
        DateTimeOffset clock, TimeSpan lifetime, CancellationToken ct)
    {
        // PostgreSQL keeps microseconds: the views built here must equal what a later read returns.
        var now = TruncateToMicroseconds(clock);
        var expires = TruncateToMicroseconds(now + lifetime);
        var merged = new List<StockLine>[commands.Count];
        for (var i = 0; i < commands.Count; i++) merged[i] = Merge(commands[i].Lines);

        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("orders", commands.Select(c => c.OrderId).ToArray());
        command.Parameters.AddWithValue("warehouses", commands.Select(c => c.WarehouseId).ToArray());
        command.Parameters.Add(new NpgsqlParameter("users", NpgsqlDbType.Array | NpgsqlDbType.Uuid)
        {
            Value = commands.Select(c => (object?)c.UserId ?? DBNull.Value).ToArray(),
        });
        command.Parameters.AddWithValue("actors", commands.Select(c => c.Actor).ToArray());
        command.Parameters.AddWithValue("counts", merged.Select(l => l.Count).ToArray());
        command.Parameters.AddWithValue("skus", merged.SelectMany(l => l).Select(l => l.Sku).ToArray());
        command.Parameters.AddWithValue("qtys", merged.SelectMany(l => l).Select(l => l.Quantity).ToArray());
        command.Parameters.AddWithValue("expires", expires);
        command.Parameters.AddWithValue("now", now);

        var results = new ReservationView?[commands.Count];
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var i = 0; i < commands.Count; i++)
        {
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("inventory_reserve_batch answered fewer orders than it was given.");
            var detail = reader.IsDBNull(1) ? null : reader.GetString(1);
            results[i] = reader.GetString(0) switch
            {
                "reserved" => Stored(commands[i], merged[i], now, expires, []),
                "short" => Stored(commands[i], merged[i], now, expires, JsonSerializer.Deserialize<List<ShortfallView>>(detail!, Json)!),
                "repeat" => JsonSerializer.Deserialize<StoredReservation>(detail!, Json)!.ToView(),
                "unknown-warehouse" => null,
                var other => throw new InvalidOperationException($"inventory_reserve_batch answered '{other}'."),
            };
        }
        return results;
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % 10, TimeSpan.Zero);

    private static List<StockLine> Merge(IReadOnlyList<StockLine> lines) =>
        [.. lines.GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity)))
            .OrderBy(l => l.Sku, StringComparer.Ordinal)];

    private static ReservationView Stored(ReserveStock command, List<StockLine> lines, DateTimeOffset now, DateTimeOffset expires, List<ShortfallView> shortfalls)
    {
        var failed = shortfalls.Count > 0;
        return new ReservationView(command.OrderId, command.WarehouseId, command.UserId, failed ? "failed" : "pending", expires, now,
            [.. lines.Select(l => new ReservationLineView(l.Sku, l.Quantity, failed ? 0 : l.Quantity, null))], shortfalls)
        {
            Created = true,
        };
    }

    private sealed record StoredReservation(
        Guid OrderId, Guid WarehouseId, Guid? UserId, string Status, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt,
        List<ReservationLineView>? Lines, List<ShortfallView>? Shortfalls)
    {
        public ReservationView ToView() => new(OrderId, WarehouseId, UserId, Status, ExpiresAt, CreatedAt, Lines ?? [], Shortfalls ?? []);
    }
}
