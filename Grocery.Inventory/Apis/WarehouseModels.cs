namespace Grocery.Inventory.Apis;

public sealed record CreateWarehouseRequest(string? Code, string? Name, string? TimeZone, decimal? LowStockThreshold);

public sealed record WarehouseView(Guid Id, string Code, string Name, string TimeZone, decimal LowStockThreshold);
