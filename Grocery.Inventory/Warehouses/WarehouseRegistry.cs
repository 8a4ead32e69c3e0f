using Grocery.Inventory.Domain;
using Npgsql;

namespace Grocery.Inventory.Warehouses;

public static class WarehouseRegistry
{
    /// <summary>Idempotent by code: registering an existing code returns that warehouse unchanged (Created is false).</summary>
    public static async Task<(Warehouse Warehouse, bool Created)> RegisterAsync(this InventoryDbContext db,
        string code, string name, string timeZone, decimal? lowStockThreshold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        code = code.Trim().ToUpperInvariant();
        var existing = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Code == code, cancellationToken);
        if (existing is not null) return (existing, false);

        var warehouse = new Warehouse
        {
            Id = Guid.CreateVersion7(),
            Code = code,
            Name = name.Trim(),
            TimeZone = timeZone,
            LowStockThreshold = lowStockThreshold ?? 10,
            CreatedAt = now,
        };
        db.Warehouses.Add(warehouse);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (warehouse, true);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return (await db.Warehouses.AsNoTracking().SingleAsync(w => w.Code == code, cancellationToken), false);
        }
    }

    /// <summary>
    /// Lot expiry converts times in SQL (AT TIME ZONE), so the zone must be an IANA name PostgreSQL
    /// knows; .NET alone would also accept Windows names, which PostgreSQL refuses.
    /// </summary>
    public static async Task<bool> IsKnownTimeZoneAsync(this InventoryDbContext db, string timeZone, CancellationToken cancellationToken) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) && zone.HasIanaId
        && await db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = {timeZone}) AS \"Value\"")
            .SingleAsync(cancellationToken);
}
