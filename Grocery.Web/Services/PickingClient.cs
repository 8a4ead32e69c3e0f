using System.Text.Json;

namespace Grocery.Web.Services;

/// <summary>What the picker's pages need from Ordering's picking API; an interface so the pick list renders in tests.</summary>
public interface IPicking
{
    Task<ApiResult<PickingQueue>> QueueAsync(string accessToken, Guid? warehouseId, CancellationToken cancellationToken = default);

    Task<ApiResult<PickList>> ClaimAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default);

    Task<ApiResult<PickList>> GetAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default);

    Task<ApiResult<PickList>> PickAsync(string accessToken, Guid orderId, int lineNo, string gtin, decimal? quantity, decimal? weightKg,
        CancellationToken cancellationToken = default);

    Task<ApiResult<PickList>> ShortAsync(string accessToken, Guid orderId, int lineNo, decimal available, CancellationToken cancellationToken = default);

    Task<ApiResult<Substitutes>> SubstitutesAsync(string accessToken, Guid orderId, int lineNo, CancellationToken cancellationToken = default);

    Task<ApiResult<PickList>> SubstituteAsync(string accessToken, Guid orderId, int lineNo, string sku, decimal quantity,
        CancellationToken cancellationToken = default);

    Task<ApiResult<PickList>> RemoveAsync(string accessToken, Guid orderId, int lineNo, string? reason, CancellationToken cancellationToken = default);

    Task<ApiResult<PackResult>> PackAsync(string accessToken, Guid orderId, int packageCount, CancellationToken cancellationToken = default);
}

public sealed class PickingClient(HttpClient http) : IPicking
{
    public Task<ApiResult<PickingQueue>> QueueAsync(string accessToken, Guid? warehouseId, CancellationToken cancellationToken = default) =>
        SendAsync<PickingQueue>(HttpMethod.Get, "/api/v1/picking" + (warehouseId is { } w ? $"?warehouseId={w}" : ""), accessToken, null, cancellationToken);

    public Task<ApiResult<PickList>> ClaimAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default) =>
        SendAsync<PickList>(HttpMethod.Post, $"/api/v1/picking/{orderId}/claim", accessToken, null, cancellationToken);

    public Task<ApiResult<PickList>> GetAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default) =>
        SendAsync<PickList>(HttpMethod.Get, $"/api/v1/picking/{orderId}", accessToken, null, cancellationToken);

    public Task<ApiResult<PickList>> PickAsync(string accessToken, Guid orderId, int lineNo, string gtin, decimal? quantity, decimal? weightKg,
        CancellationToken cancellationToken = default) =>
        SendAsync<PickList>(HttpMethod.Post, $"/api/v1/picking/{orderId}/lines/{lineNo}/pick", accessToken, new { gtin, quantity, weightKg }, cancellationToken);

    public Task<ApiResult<PickList>> ShortAsync(string accessToken, Guid orderId, int lineNo, decimal available, CancellationToken cancellationToken = default) =>
        SendAsync<PickList>(HttpMethod.Post, $"/api/v1/picking/{orderId}/lines/{lineNo}/short", accessToken, new { available }, cancellationToken);

    public Task<ApiResult<Substitutes>> SubstitutesAsync(string accessToken, Guid orderId, int lineNo, CancellationToken cancellationToken = default) =>
        SendAsync<Substitutes>(HttpMethod.Get, $"/api/v1/picking/{orderId}/lines/{lineNo}/substitutes", accessToken, null, cancellationToken);

    public Task<ApiResult<PickList>> SubstituteAsync(string accessToken, Guid orderId, int lineNo, string sku, decimal quantity,
        CancellationToken cancellationToken = default) =>
        SendAsync<PickList>(HttpMethod.Post, $"/api/v1/picking/{orderId}/lines/{lineNo}/substitute", accessToken, new { sku, quantity }, cancellationToken);

    public Task<ApiResult<PickList>> RemoveAsync(string accessToken, Guid orderId, int lineNo, string? reason, CancellationToken cancellationToken = default) =>
        SendAsync<PickList>(HttpMethod.Post, $"/api/v1/picking/{orderId}/lines/{lineNo}/remove", accessToken, new { reason }, cancellationToken);

    public Task<ApiResult<PackResult>> PackAsync(string accessToken, Guid orderId, int packageCount, CancellationToken cancellationToken = default) =>
        SendAsync<PackResult>(HttpMethod.Post, $"/api/v1/picking/{orderId}/pack", accessToken, new { packageCount }, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string url, string accessToken, object? body, CancellationToken cancellationToken)
    {
        using var request = ApiJson.Request(method, url, accessToken, body);
        using var response = await http.SendAsync(request, cancellationToken);
        return await StaffApiResult.FromAsync<T>(response, cancellationToken);
    }
}

/// <summary>
/// A staff call's outcome. Staff need the whole reason a step was refused (the weight range, the GTIN to scan, the
/// shipment's state), so the message is the validation error, else the ProblemDetails' title with its detail.
/// </summary>
public static class StaffApiResult
{
    public static async Task<ApiResult<T>> FromAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return new(await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken), null, (int)response.StatusCode);
        return new(default, await MessageAsync(response, cancellationToken), (int)response.StatusCode);
    }

    public static async Task<string> MessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var fallback = response.ReasonPhrase ?? $"The request failed ({(int)response.StatusCode}).";
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<Problem>(ApiJson.Options, cancellationToken);
            if (problem?.Errors?.Values.SelectMany(v => v).FirstOrDefault() is { } first) return first;
            return (problem?.Title, problem?.Detail) switch
            {
                ({ } title, { } detail) when !string.Equals(title, detail, StringComparison.Ordinal) => $"{title.TrimEnd('.')}: {detail}",
                ({ } title, _) => title,
                (_, { } detail) => detail,
                _ => fallback,
            };
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
