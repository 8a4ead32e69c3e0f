using System.Text.Json;
using Grocery.Inventory.Domain;
using Npgsql;

namespace Grocery.Inventory.Tests;

/// <summary>Arrange helpers and the ledger invariant shared by the tests.</summary>
public abstract class InventoryTest(InventoryInfrastructure infrastructure)
{
    protected InventoryInfrastructure Infrastructure => infrastructure;

    protected InventoryApp App => infrastructure.App;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static string NewSku(string prefix = "SKU") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    protected HttpClient Customer(Guid userId) => App.ClientFor(infrastructure.Identity, userId.ToString(), "customer");

    /// <summary>A store manager assigned to no warehouse: refused every warehouse's writes.</summary>
    protected HttpClient Manager() => App.ClientFor(infrastructure.Identity, "manager-1", "store-manager");

    /// <summary>A store manager assigned to <paramref name="warehouseId"/> (the warehouse claim of staff tokens).</summary>
    protected HttpClient Manager(Guid warehouseId) => Staff(warehouseId, "manager-1", GroceryRoles.StoreManager);

    protected HttpClient Picker(Guid warehouseId) => Staff(warehouseId, "picker-1", GroceryRoles.Picker);

    protected HttpClient Staff(Guid warehouseId, string userId, string role) =>
        App.ClientFor(infrastructure.Identity, userId, [role], [new System.Security.Claims.Claim(WarehouseAssignment.ClaimType, warehouseId.ToString())]);

    protected HttpClient Service() => App.ClientFor(infrastructure.Identity, "ordering", "service");

    protected async Task<Guid> NewWarehouseAsync(decimal lowStockThreshold = 0, string timeZone = "Asia/Ho_Chi_Minh")
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        var warehouse = new Warehouse
        {
            Id = Guid.NewGuid(),
            Code = "W" + Guid.NewGuid().ToString("N")[..8],
            Name = "Test dark store",
            TimeZone = timeZone,
            LowStockThreshold = lowStockThreshold,
            CreatedAt = App.Time.GetUtcNow(),
        };
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync(Ct);
        return warehouse.Id;
    }

    protected Task<T> WithStockAsync<T>(Func<StockService, Task<T>> action) => WithScopeAsync(sp => action(sp.GetRequiredService<StockService>()));

    protected async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    protected Task<StockOutcome> ReceiveAsync(Guid warehouseId, string sku, decimal quantity, DateOnly? bestBefore = null, decimal? low = null) =>
        WithStockAsync(s => s.ReceiveAsync(warehouseId, [new ReceiptLine(sku, quantity, bestBefore, null, low)], "test", "receipt", Ct));

    protected Task<ReservationView> ReserveAsync(Guid warehouseId, Guid orderId, params StockLine[] lines) =>
        WithStockAsync(s => s.ReserveAsync(new ReserveStock(orderId, warehouseId, null, lines, "test"), Ct));

    /// <summary>One round of the stock level publisher (its background loop is off in tests).</summary>
    protected Task<int> PublishStockLevelsAsync() =>
        App.Services.GetRequiredService<Grocery.Inventory.Background.StockLevelPublisher>().PublishAsync(Ct);

    protected async Task<StockItem> StockAsync(Guid warehouseId, string sku) =>
        await WithScopeAsync(sp => sp.GetRequiredService<InventoryDbContext>().StockItems.AsNoTracking()
            .SingleAsync(s => s.WarehouseId == warehouseId && s.Sku == sku, Ct));

    /// <summary>Events this service wrote to its outbox for one partition key, oldest first (type, data).</summary>
    protected async Task<List<(string Type, JsonElement Data)>> OutboxEventsAsync(string key)
    {
        await using var connection = new NpgsqlConnection(infrastructure.DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT event_type, payload FROM messaging.outbox_messages WHERE partition_key = @key ORDER BY id", connection);
        command.Parameters.AddWithValue("key", key);
        var events = new List<(string, JsonElement)>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            using var payload = JsonDocument.Parse(reader.GetString(1));
            events.Add((reader.GetString(0), payload.RootElement.GetProperty("data").Clone()));
        }
        return events;
    }

    /// <summary>
    /// Publishes events through the service's own outbox, relay and the mock Kafka cluster, and waits
    /// until its consumer has handled every one (their message ids are in the inbox).
    /// </summary>
    protected async Task PublishAndAwaitHandledAsync(params Grocery.Contracts.IIntegrationEvent[] events)
    {
        var before = await ScalarAsync("SELECT coalesce(max(id), 0) FROM messaging.outbox_messages");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<Grocery.Messaging.Outbox.IIntegrationEventOutbox>();
            foreach (var e in events) outbox.Add(e);
            await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().SaveChangesAsync(Ct);
        }
        var ids = new List<string>();
        await using (var connection = new NpgsqlConnection(infrastructure.DatabaseConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("SELECT message_id::text FROM messaging.outbox_messages WHERE id > @before", connection);
            command.Parameters.AddWithValue("before", before);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) ids.Add(reader.GetString(0));
        }
        Assert.Equal(events.Length, ids.Count);
        await Eventually.TrueAsync(async () => await ScalarAsync("SELECT count(*) FROM messaging.inbox_messages WHERE message_id = ANY(@ids)",
            ("ids", ids.ToArray())) == ids.Count, "the consumer handled every published event", 90);
    }

    protected async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(infrastructure.DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }

    /// <summary>
    /// For every SKU of the warehouse: on hand = Σ on-hand movements = Σ lots; reserved = Σ reserved
    /// movements = Σ what active reservation lines hold; 0 ≤ reserved ≤ on hand.
    /// </summary>
    protected async Task AssertLedgerBalancesAsync(Guid warehouseId)
    {
        await using var connection = new NpgsqlConnection(infrastructure.DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT s.sku, s.on_hand, s.reserved,
              coalesce((SELECT sum(on_hand_delta) FROM stock_movements m WHERE m.warehouse_id = s.warehouse_id AND m.sku = s.sku), 0),
              coalesce((SELECT sum(reserved_delta) FROM stock_movements m WHERE m.warehouse_id = s.warehouse_id AND m.sku = s.sku), 0),
              coalesce((SELECT sum(l.reserved) FROM reservation_lines l JOIN reservations r ON r.order_id = l.order_id
                        WHERE r.warehouse_id = s.warehouse_id AND l.sku = s.sku), 0),
              coalesce((SELECT sum(quantity) FROM lots WHERE lots.warehouse_id = s.warehouse_id AND lots.sku = s.sku), 0),
              coalesce((SELECT sum(l.reserved) FROM reservation_lines l JOIN reservations r ON r.order_id = l.order_id
                        WHERE r.warehouse_id = s.warehouse_id AND l.sku = s.sku AND r.status NOT IN ('pending', 'confirmed')), 0)
            FROM stock_items s WHERE s.warehouse_id = @w
            """, connection);
        command.Parameters.AddWithValue("w", warehouseId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = 0;
        while (await reader.ReadAsync(Ct))
        {
            rows++;
            var sku = reader.GetString(0);
            var onHand = reader.GetDecimal(1);
            var reserved = reader.GetDecimal(2);
            Assert.True(onHand == reader.GetDecimal(3), $"{sku}: on hand {onHand} but the ledger sums to {reader.GetDecimal(3)}");
            Assert.True(reserved == reader.GetDecimal(4), $"{sku}: reserved {reserved} but the ledger sums to {reader.GetDecimal(4)}");
            Assert.True(reserved == reader.GetDecimal(5), $"{sku}: reserved {reserved} but reservations hold {reader.GetDecimal(5)}");
            Assert.True(onHand == reader.GetDecimal(6), $"{sku}: on hand {onHand} but lots hold {reader.GetDecimal(6)}");
            Assert.True(reader.GetDecimal(7) == 0, $"{sku}: inactive reservations still hold {reader.GetDecimal(7)}");
            Assert.InRange(reserved, 0, onHand);
        }
        Assert.True(rows > 0, "the warehouse has no stock to check");
    }
}
