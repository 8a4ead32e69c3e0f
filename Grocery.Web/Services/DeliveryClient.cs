namespace Grocery.Web.Services;

/// <summary>What the slot picker needs from Delivery; an interface so the picker can be rendered in tests.</summary>
public interface IDeliverySlots
{
    Task<IReadOnlyList<DeliverySlot>> GetSlotsAsync(Guid zoneId, CancellationToken cancellationToken = default);

    Task<ApiResult<SlotHold>> HoldAsync(string accessToken, Guid slotId, CancellationToken cancellationToken = default);

    Task<ApiResult<ExtendedHold>> ExtendAsync(string accessToken, Guid holdId, CancellationToken cancellationToken = default);
}

/// <summary>A shipment's tracking from Delivery; an interface so the order page renders in tests.</summary>
public interface IShipmentTracking
{
    /// <summary>The shipment of the shopper's order, or null before one is booked.</summary>
    Task<Shipment?> GetShipmentAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default);
}

public sealed class DeliveryClient(HttpClient http) : IDeliverySlots, IShipmentTracking
{
    public async Task<Shipment?> GetShipmentAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"/api/v1/shipments/{orderId}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Shipment>(ApiJson.Options, cancellationToken);
    }

    /// <summary>The zone serving a postcode or district, or null when none does.</summary>
    public async Task<ZoneLookup?> LookupAsync(string postcodeOrDistrict, CancellationToken cancellationToken = default)
    {
        var text = postcodeOrDistrict.Trim();
        var parameter = text.All(char.IsDigit) ? "postcode" : "district";
        using var response = await http.GetAsync($"/api/v1/zones/lookup?{parameter}={Uri.EscapeDataString(text)}", cancellationToken);
        if ((int)response.StatusCode is 400 or 404 or 422) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ZoneLookup>(ApiJson.Options, cancellationToken);
    }

    public async Task<IReadOnlyList<DeliverySlot>> GetSlotsAsync(Guid zoneId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<IReadOnlyList<DeliverySlot>>($"/api/v1/slots?zoneId={zoneId}", ApiJson.Options, cancellationToken) ?? [];

    public async Task<ApiResult<SlotHold>> HoldAsync(string accessToken, Guid slotId, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, $"/api/v1/slots/{slotId}/holds", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<SlotHold>.FromAsync(response, cancellationToken);
    }

    public async Task<ApiResult<ExtendedHold>> ExtendAsync(string accessToken, Guid holdId, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, $"/api/v1/slots/holds/{holdId}/extend", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<ExtendedHold>.FromAsync(response, cancellationToken);
    }
}
