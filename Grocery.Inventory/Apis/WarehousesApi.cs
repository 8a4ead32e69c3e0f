using Grocery.Inventory.Domain;
using Grocery.Inventory.Warehouses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Inventory.Apis;

public static class WarehousesApi
{
    public static IEndpointRouteBuilder MapWarehousesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/warehouses").WithTags("Warehouses");
        api.MapGet("/", GetWarehouses)
            .WithSummary("List the warehouses by code");
        api.MapGet("/{id:guid}", GetWarehouse)
            .WithSummary("Show one warehouse");
        api.MapPost("/", CreateWarehouse).RequireAuthorization(GroceryPolicies.Admin)
            .WithSummary("Create a warehouse (admins); creating an existing code returns it unchanged");
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
        if (validation.IsValid && !await db.IsKnownTimeZoneAsync(request.TimeZone!, cancellationToken))
            validation.Add("timeZone", "Unknown time zone; use an IANA name such as Asia/Ho_Chi_Minh.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var (warehouse, created) = await db.RegisterAsync(request.Code!, request.Name!, request.TimeZone!, request.LowStockThreshold,
            time.GetUtcNow(), cancellationToken);
        return created ? TypedResults.Created($"/api/v1/warehouses/{warehouse.Id}", ToView(warehouse)) : TypedResults.Ok(ToView(warehouse));
    }

    private static WarehouseView ToView(Warehouse w) => new(w.Id, w.Code, w.Name, w.TimeZone, w.LowStockThreshold);
}
