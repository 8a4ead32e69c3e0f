using System.Net;

namespace Grocery.Web.Services;

/// <summary>What the ops pages need, through the gateway's admin routes; an interface so the pages render in tests.</summary>
public interface IOps
{
    Task<ApiResult<IReadOnlyList<StuckOrder>>> StuckOrdersAsync(string accessToken, CancellationToken cancellationToken = default);

    Task<ServiceDeadLetters> PendingDeadLettersAsync(string accessToken, string service, CancellationToken cancellationToken = default);

    /// <param name="action">replay or discard.</param>
    Task<ApiResult<object>> ResolveAsync(string accessToken, string service, long id, string action, CancellationToken cancellationToken = default);

    Task<ApiResult<OrderMetrics>> OrderMetricsAsync(string accessToken, CancellationToken cancellationToken = default);

    Task<ServiceParkedKeys> ParkedKeysAsync(string accessToken, string service, CancellationToken cancellationToken = default);

    /// <returns>A null value with status 404 when nobody has that address.</returns>
    Task<ApiResult<StaffUser>> FindUserAsync(string accessToken, string email, CancellationToken cancellationToken = default);

    Task<ApiResult<StaffUser>> GetUserAsync(string accessToken, Guid userId, CancellationToken cancellationToken = default);

    /// <param name="grant">true grants the role, false revokes it.</param>
    Task<ApiResult<object>> ChangeRoleAsync(string accessToken, Guid userId, string role, bool grant, CancellationToken cancellationToken = default);

    /// <param name="warehouseId">null removes the assignment.</param>
    Task<ApiResult<object>> AssignWarehouseAsync(string accessToken, Guid userId, Guid? warehouseId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Warehouse>> WarehousesAsync(CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<ZoneDayUtilisation>>> SlotUtilisationAsync(string accessToken, CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<WarehouseLowStock>>> LowStockAsync(string accessToken, CancellationToken cancellationToken = default);
}

public sealed class OpsClient(HttpClient http) : IOps
{
    public const int DeadLettersShown = 50;

    public async Task<ApiResult<IReadOnlyList<StuckOrder>>> StuckOrdersAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, "/api/v1/orders/stuck", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await StaffApiResult.FromAsync<IReadOnlyList<StuckOrder>>(response, cancellationToken);
    }

    /// <summary>A service started without messaging has no dead-letter routes: it answers 404 and has none to show.</summary>
    public async Task<ServiceDeadLetters> PendingDeadLettersAsync(string accessToken, string service, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"/api/v1/ops/{service}/dead-letters?status=Pending&limit={DeadLettersShown}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return new(service, [], null);
        var result = await StaffApiResult.FromAsync<IReadOnlyList<DeadLetter>>(response, cancellationToken);
        return new(service, result.Value, result.Error);
    }

    public async Task<ApiResult<object>> ResolveAsync(string accessToken, string service, long id, string action, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, $"/api/v1/ops/{service}/dead-letters/{id}/{action}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await StaffApiResult.FromAsync<object>(response, cancellationToken);
    }

    public async Task<ApiResult<OrderMetrics>> OrderMetricsAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, "/api/v1/orders/metrics", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await StaffApiResult.FromAsync<OrderMetrics>(response, cancellationToken);
    }

    public async Task<ServiceParkedKeys> ParkedKeysAsync(string accessToken, string service, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"/api/v1/ops/{service}/parked-keys", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return new(service, [], null);
        var result = await StaffApiResult.FromAsync<IReadOnlyList<ParkedKey>>(response, cancellationToken);
        return new(service, result.Value, result.Error);
    }

    public async Task<ApiResult<StaffUser>> FindUserAsync(string accessToken, string email, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"/api/v1/users?email={Uri.EscapeDataString(email)}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return new(null, null, 404);
        return await StaffApiResult.FromAsync<StaffUser>(response, cancellationToken);
    }

    public async Task<ApiResult<StaffUser>> GetUserAsync(string accessToken, Guid userId, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"/api/v1/users/{userId}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await StaffApiResult.FromAsync<StaffUser>(response, cancellationToken);
    }

    public async Task<ApiResult<object>> ChangeRoleAsync(string accessToken, Guid userId, string role, bool grant, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(grant ? HttpMethod.Put : HttpMethod.Delete, $"/api/v1/users/{userId}/roles/{Uri.EscapeDataString(role)}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await StaffApiResult.FromAsync<object>(response, cancellationToken);
    }

    public async Task<ApiResult<object>> AssignWarehouseAsync(string accessToken, Guid userId, Guid? warehouseId, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(warehouseId is null ? HttpMethod.Delete : HttpMethod.Put, $"/api/v1/users/{userId}/warehouse", accessToken,
            warehouseId is { } id ? new { warehouseId = id.ToString() } : null);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent ? new(new object(), null, 204) : await StaffApiResult.FromAsync<object>(response, cancellationToken);
    }

    public async Task<IReadOnlyList<Warehouse>> WarehousesAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<IReadOnlyList<Warehouse>>("/api/v1/warehouses", ApiJson.Options, cancellationToken) ?? [];

    public async Task<ApiResult<IReadOnlyList<ZoneDayUtilisation>>> SlotUtilisationAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, "/api/v1/slots/utilisation", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await StaffApiResult.FromAsync<IReadOnlyList<ZoneDayUtilisation>>(response, cancellationToken);
    }

    public async Task<ApiResult<IReadOnlyList<WarehouseLowStock>>> LowStockAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, "/api/v1/stock/low-summary", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await StaffApiResult.FromAsync<IReadOnlyList<WarehouseLowStock>>(response, cancellationToken);
    }
}
