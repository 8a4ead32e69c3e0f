namespace Grocery.Web.Services;

public sealed record Warehouse(Guid Id, string Code, string Name);

/// <summary>Warehouses by id, from Inventory through the gateway, for naming the warehouse on bag labels.</summary>
public interface IWarehouses
{
    Task<Warehouse?> GetAsync(Guid id, CancellationToken cancellationToken = default);
}

public sealed class WarehouseClient(HttpClient http) : IWarehouses
{
    public async Task<Warehouse?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"/api/v1/warehouses/{id}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Warehouse>(ApiJson.Options, cancellationToken);
    }
}
