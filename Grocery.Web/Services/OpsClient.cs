using System.Net;

namespace Grocery.Web.Services;

/// <summary>What the ops overview needs, through the gateway's admin routes; an interface so the page renders in tests.</summary>
public interface IOps
{
    Task<ApiResult<IReadOnlyList<StuckOrder>>> StuckOrdersAsync(string accessToken, CancellationToken cancellationToken = default);

    Task<ServiceDeadLetters> PendingDeadLettersAsync(string accessToken, string service, CancellationToken cancellationToken = default);

    /// <param name="action">replay or discard.</param>
    Task<ApiResult<object>> ResolveAsync(string accessToken, string service, long id, string action, CancellationToken cancellationToken = default);
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
}
