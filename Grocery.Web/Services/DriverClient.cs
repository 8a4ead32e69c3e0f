namespace Grocery.Web.Services;

/// <summary>The in-house driver's day from Delivery: the drop-offs and the steps of each.</summary>
public interface IDriverShipments
{
    Task<ApiResult<IReadOnlyList<DriverShipment>>> ListAsync(string accessToken, Guid? warehouseId, DateOnly? date, CancellationToken cancellationToken = default);

    Task<ApiResult<Shipment>> DispatchedAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default);

    Task<ApiResult<Shipment>> DeliveredAsync(string accessToken, Guid orderId, decimal cashCollected, CancellationToken cancellationToken = default);

    Task<ApiResult<Shipment>> FailedAsync(string accessToken, Guid orderId, string reason, CancellationToken cancellationToken = default);
}

public sealed class DriverClient(HttpClient http) : IDriverShipments
{
    public Task<ApiResult<IReadOnlyList<DriverShipment>>> ListAsync(string accessToken, Guid? warehouseId, DateOnly? date,
        CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (warehouseId is { } w) query.Add($"warehouseId={w}");
        if (date is { } d) query.Add($"date={d:yyyy-MM-dd}");
        return SendAsync<IReadOnlyList<DriverShipment>>(HttpMethod.Get, "/api/v1/shipments" + (query.Count > 0 ? "?" + string.Join('&', query) : ""),
            accessToken, null, cancellationToken);
    }

    public Task<ApiResult<Shipment>> DispatchedAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default) =>
        SendAsync<Shipment>(HttpMethod.Post, $"/api/v1/shipments/{orderId}/dispatched", accessToken, null, cancellationToken);

    public Task<ApiResult<Shipment>> DeliveredAsync(string accessToken, Guid orderId, decimal cashCollected, CancellationToken cancellationToken = default) =>
        SendAsync<Shipment>(HttpMethod.Post, $"/api/v1/shipments/{orderId}/delivered", accessToken, new { cashCollected }, cancellationToken);

    public Task<ApiResult<Shipment>> FailedAsync(string accessToken, Guid orderId, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<Shipment>(HttpMethod.Post, $"/api/v1/shipments/{orderId}/failed", accessToken, new { reason }, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string url, string accessToken, object? body, CancellationToken cancellationToken)
    {
        using var request = ApiJson.Request(method, url, accessToken, body);
        using var response = await http.SendAsync(request, cancellationToken);
        return await StaffApiResult.FromAsync<T>(response, cancellationToken);
    }
}
