namespace Grocery.Catalog.Apis;

/// <summary>The shopper's warehouse (the dark store of their delivery zone): ?warehouse= or X-Warehouse-Id.</summary>
public static class ShopperContext
{
    public const string WarehouseHeader = "X-Warehouse-Id";

    public static Guid? Warehouse(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var raw = request.Query.TryGetValue("warehouse", out var q) ? q.ToString() : request.Headers[WarehouseHeader].ToString();
        if (raw.Length == 0) return null;
        if (Guid.TryParse(raw, out var id)) return id;
        errors["warehouse"] = ["warehouse is a warehouse id (GUID)."];
        return null;
    }
}
