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
        validation.Text(request.Code, "code", 32, required: true);
        validation.Text(request.Name, "name", 200, required: true);
        validation.Text(request.TimeZone, "timeZone", 64, required: true);
        if (!string.IsNullOrWhiteSpace(request.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _))
            validation.Add("timeZone", "Unknown time zone; use an IANA name such as Asia/Ho_Chi_Minh.");
        if (request.LowStockThreshold is < 0) validation.Add("lowStockThreshold", "The threshold must not be negative.");
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

    private static WarehouseView ToView(Warehouse w) => new(w.Id, w.Code, w.Name, w.TimeZone, w.LowStockThreshold);
}
