using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Delivery.Clients;

internal sealed class OrderingClient(HttpClient http) : IOrderingClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DropOffAddress> GetDropOffAsync(Guid orderId, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync($"/api/v1/dispatch/{orderId}/drop-off", cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DropOffUnavailableException(orderId, "Ordering did not answer", ex);
        }
        using (response)
        {
            // The body is never read into an exception or a log: on success it is personal data.
            if (response.StatusCode == HttpStatusCode.NotFound) throw new DropOffUnavailableException(orderId, "Ordering does not know the order");
            if (!response.IsSuccessStatusCode) throw new DropOffUnavailableException(orderId, $"Ordering answered {(int)response.StatusCode}");
            DropOffAddress? dropOff;
            try
            {
                dropOff = await response.Content.ReadFromJsonAsync<DropOffAddress>(Json, cancellationToken);
            }
            catch (JsonException)
            {
                throw new DropOffUnavailableException(orderId, "Ordering's answer was not a drop-off");
            }
            if (dropOff is null || string.IsNullOrWhiteSpace(dropOff.Address))
                throw new DropOffUnavailableException(orderId, "Ordering's answer had no address");
            return dropOff;
        }
    }
}
