using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grocery.Web.Services;

/// <summary>The services speak camelCase JSON with enums as strings.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static HttpRequestMessage Request(HttpMethod method, string url, string? accessToken, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (accessToken is not null) request.Headers.Authorization = new("Bearer", accessToken);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Options);
        return request;
    }

    /// <summary>The first message of a ValidationProblem or the title of a ProblemDetails, for showing to the shopper.</summary>
    public static async Task<string> ProblemMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<Problem>(Options, cancellationToken);
            var first = problem?.Errors?.Values.SelectMany(v => v).FirstOrDefault();
            return first ?? problem?.Title ?? response.ReasonPhrase ?? "The request failed.";
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "The request failed.";
        }
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}

/// <summary>The outcome of a write the shopper asked for: the value, or a message saying why not.</summary>
public sealed record ApiResult<T>(T? Value, string? Error, int Status)
{
    public bool Succeeded => Error is null;

    public static async Task<ApiResult<T>> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.IsSuccessStatusCode
            ? new(await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken), null, (int)response.StatusCode)
            : new(default, await ApiJson.ProblemMessageAsync(response, cancellationToken), (int)response.StatusCode);
}
