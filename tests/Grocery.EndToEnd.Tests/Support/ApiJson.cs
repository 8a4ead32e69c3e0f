using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>JSON as the services speak it: camelCase, enums as names (Ordering, Inventory) or numbers (Delivery).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(Options, ct)
        ?? throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered an empty body.");

    /// <summary>For a call chained on <see cref="ExpectAsync"/>: reads the body of the response it checked.</summary>
    public static async Task<T> ReadAsync<T>(this Task<HttpResponseMessage> response, CancellationToken ct) => await (await response).ReadAsync<T>(ct);

    /// <summary>Fails with the response body, so a broken call explains itself in the test output.</summary>
    public static async Task<HttpResponseMessage> ExpectAsync(this HttpResponseMessage response, params System.Net.HttpStatusCode[] expected)
    {
        if (expected.Contains(response.StatusCode)) return response;
        var body = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} " +
            $"(expected {string.Join(" or ", expected.Select(s => (int)s))}): {body}");
    }
}
