using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Grocery.Persistence;
using Npgsql;

namespace Grocery.Inventory.SampleData;

/// <summary>
/// Stocks one Ho Chi Minh City dark store for the sample catalog (SKUs <c>GR000001</c> onwards, the
/// numbering of Catalog's generator) when <c>Inventory:SeedSampleData</c> is true, which it is by
/// default in Development only. Runs after the migrations under an advisory lock, through
/// <see cref="StockService"/> receipts so the ledger, lots and stock-level events are the real ones;
/// a warehouse that already exists is left alone.
/// </summary>
internal sealed class SampleStockSeeder(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment,
    ILogger<SampleStockSeeder> logger) : IDatabaseMigrator
{
    /// <summary>Delivery's sample zones name this warehouse (Grocery.Delivery/SampleData), so both seeders share the id.</summary>
    public static readonly Guid WarehouseId = new("0193a5c0-5a11-7000-8000-00000000d001");
    public const string WarehouseCode = "HCM-D1";
    private const long LockKey = 0x49_4E_56_53_45_45_44; // "INVSEED"
    private const int BatchSize = 2_000;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Inventory:SeedSampleData", environment.IsDevelopment())) return;
        var size = configuration.GetValue("Inventory:SampleDataSize", 50_000);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var held = await AdvisoryLock.TakeAsync(connection, LockKey, cancellationToken);
        try
        {
            if (await db.Warehouses.AnyAsync(w => w.Id == WarehouseId || w.Code == WarehouseCode, cancellationToken)) return;
            var started = TimeProvider.System.GetTimestamp();
            var stock = scope.ServiceProvider.GetRequiredService<StockService>();
            db.Warehouses.Add(new Warehouse
            {
                Id = WarehouseId,
                Code = WarehouseCode,
                Name = "Quận 1 dark store",
                TimeZone = "Asia/Ho_Chi_Minh",
                LowStockThreshold = 5,
                CreatedAt = stock.Now,
            });
            await db.SaveChangesAsync(cancellationToken);

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(stock.Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);
            var lines = SampleStock.Receipts(size, today).ToList();
            foreach (var batch in lines.Chunk(BatchSize))
            {
                await stock.ReceiveAsync(WarehouseId, batch, "sample-data", "Opening stock of the sample store", cancellationToken);
            }
            logger.LogInformation("Seeded warehouse {Code} with {Lines} lots for {Skus} SKUs in {Elapsed}",
                WarehouseCode, lines.Count, size, TimeProvider.System.GetElapsedTime(started));
        }
        finally
        {
            await held.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
