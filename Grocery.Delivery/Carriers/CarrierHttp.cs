using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Delivery.Carriers;

/// <summary>Turns carrier HTTP failures into <see cref="CarrierException"/>s that say whether a retry could help.</summary>
internal static class CarrierHttp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> SendAsync<T>(string carrier, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            throw new CarrierException(carrier, "the carrier did not answer", retryable: true, ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var retryable = (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                throw new CarrierException(carrier, $"HTTP {(int)response.StatusCode}: {Truncate(body)}", retryable);
            }
            if (typeof(T) == typeof(JsonElement?) && response.Content.Headers.ContentLength == 0) return default!;
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new CarrierException(carrier, "empty response", retryable: false);
        }
    }

    private static string Truncate(string value) => value.Length <= 300 ? value : value[..300];
}
