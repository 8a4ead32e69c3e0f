using Grocery.Inventory.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Grocery.Inventory.Apis;

public static class WarehousesApi
{
    public static IEndpointRouteBuilder MapWarehousesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/warehouses").WithTags("Warehouses");
        api.MapGet("/", GetWarehouses);
        api.MapGet("/{id:guid}", GetWarehouse);
        api.MapPost("/", CreateWarehouse).RequireAuthorization(GroceryPolicies.Admin);
        return app;
    }

    public static async Task<Ok<List<WarehouseView>>> GetWarehouses(InventoryDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Warehouses.AsNoTracking().OrderBy(w => w.Code)
            .Select(w => new WarehouseView(w.Id, w.Code, w.Name, w.TimeZone, w.LowStockThreshold)).ToListAsync(cancellationToken));

    public static async Task<Results<Ok<WarehouseView>, NotFound>> GetWarehouse(Guid id, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var w = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        return w is null ? TypedResults.NotFound() : TypedResults.Ok(ToView(w));
    }

    /// <summary>Idempotent by code: creating an existing code returns it unchanged.</summary>
    public static async Task<Results<Created<WarehouseView>, Ok<WarehouseView>, ValidationProblem>> CreateWarehouse(
        CreateWarehouseRequest request, InventoryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Text(request.Code, "code", InventoryLimits.WarehouseCodeLength, required: true);
        validation.Text(request.Name, "name", InventoryLimits.WarehouseNameLength, required: true);
        validation.Text(request.TimeZone, "timeZone", InventoryLimits.TimeZoneLength, required: true);
        validation.Threshold(request.LowStockThreshold, "lowStockThreshold");
        if (validation.IsValid && !await IsKnownTimeZoneAsync(db, request.TimeZone!, cancellationToken))
            validation.Add("timeZone", "Unknown time zone; use an IANA name such as Asia/Ho_Chi_Minh.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var code = request.Code!.Trim().ToUpperInvariant();
        var existing = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Code == code, cancellationToken);
        if (existing is not null) return TypedResults.Ok(ToView(existing));

        var warehouse = new Warehouse
        {
            Id = Guid.CreateVersion7(),
            Code = code,
            Name = request.Name!.Trim(),
            TimeZone = request.TimeZone!,
            LowStockThreshold = request.LowStockThreshold ?? 10,
            CreatedAt = time.GetUtcNow(),
        };
        db.Warehouses.Add(warehouse);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return TypedResults.Ok(ToView(await db.Warehouses.AsNoTracking().SingleAsync(w => w.Code == code, cancellationToken)));
        }
        return TypedResults.Created($"/api/v1/warehouses/{warehouse.Id}", ToView(warehouse));
    }

    /// <summary>
    /// Lot expiry converts times in SQL (AT TIME ZONE), so the zone must be an IANA name PostgreSQL
    /// knows; .NET alone would also accept Windows names, which PostgreSQL refuses.
    /// </summary>
    private static async Task<bool> IsKnownTimeZoneAsync(InventoryDbContext db, string timeZone, CancellationToken cancellationToken) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) && zone.HasIanaId
        && await db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = {timeZone}) AS \"Value\"")
            .SingleAsync(cancellationToken);

    private static WarehouseView ToView(Warehouse w) => new(w.Id, w.Code, w.Name, w.TimeZone, w.LowStockThreshold);
}
