using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Ordering.Clients;

internal sealed class DeliveryClient(HttpClient http) : IDeliveryClient
{
    public async Task<DeliveryZone?> LookupZoneAsync(string? postcode, string? district, decimal basketValue, CancellationToken cancellationToken)
    {
        var query = !string.IsNullOrWhiteSpace(postcode)
            ? $"postcode={Uri.EscapeDataString(postcode)}"
            : $"district={Uri.EscapeDataString(district ?? "")}";
        using var response = await http.GetAsync(FormattableString.Invariant($"/api/v1/zones/lookup?{query}&basketValue={basketValue}"), cancellationToken);
        // Delivery answers 422 (outside every delivery zone) or 404 when no zone covers the address, 400 when no zone could.
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<DeliveryZone>(RemoteJson.Options, cancellationToken);
    }

    public async Task<SlotHoldExtension> ExtendHoldAsync(Guid holdId, decimal basketValue, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(FormattableString.Invariant($"/api/v1/slots/holds/{holdId}/extend?basketValue={basketValue}"), content: null, cancellationToken);
        if (response.IsSuccessStatusCode)
            return new SlotHoldExtension(await response.Content.ReadFromJsonAsync<SlotHold>(RemoteJson.Options, cancellationToken), null);
        if ((int)response.StatusCode >= 500) response.EnsureSuccessStatusCode();
        var problem = await TryReadProblemAsync(response, cancellationToken);
        return new SlotHoldExtension(null, problem?.Detail ?? problem?.Title ?? "The delivery slot hold is no longer valid.");
    }

    private static async Task<ProblemDetails?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemDetails>(RemoteJson.Options, cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
