using System.Net;
using System.Net.Http.Json;

namespace Grocery.Gateway.GraphQL;

public sealed record DeliveryZoneMatch(Guid ZoneId, string Name);

public sealed record DeliverySlot(
    Guid Id,
    Guid ZoneId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset LocalWindowStart,
    DateTimeOffset LocalWindowEnd,
    DateTimeOffset CutoffAt,
    int Capacity,
    int Remaining,
    decimal Fee,
    bool IsPeak,
    bool Closed,
    bool Available);

public sealed record DeliverySlotHold(Guid HoldId, Guid SlotId, DateTimeOffset ExpiresAt, Guid? ReleasedSlotId);

public sealed record DeliveryShipment(
    Guid ShipmentId, Guid OrderId, string Carrier, string? TrackingNumber, string Status, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    IReadOnlyList<DeliveryShipmentEvent> Timeline);

public sealed record DeliveryShipmentEvent(string Status, DateTimeOffset OccurredAt, string Description, string Source);

/// <summary>Delivery's zone lookup, slot calendar and holds, typed; the caller's token goes with each call.</summary>
public sealed class DeliveryClient(HttpClient http)
{
    private const string Service = "Delivery";

    /// <summary>The zone delivering to the postcode, or null when none does.</summary>
    public async Task<DeliveryZoneMatch?> ZoneForAsync(string postcode, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/api/v1/zones/lookup?postcode={Uri.EscapeDataString(postcode)}", ct);
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity) return null;
        await DownstreamCalls.EnsureSuccessAsync(response, Service, ct);
        return await response.Content.ReadFromJsonAsync<DeliveryZoneMatch>(ct);
    }

    public Task<List<DeliverySlot>> SlotsAsync(Guid zoneId, CancellationToken ct) =>
        DownstreamCalls.ReadAsync<List<DeliverySlot>>(http.GetAsync($"/api/v1/slots?zoneId={zoneId}", ct), Service, ct);

    /// <summary>The order's shipment with its tracking events, or null while none exists (or the order is another shopper's).</summary>
    public async Task<DeliveryShipment?> ShipmentAsync(Guid orderId, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/api/v1/shipments/{orderId}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await DownstreamCalls.EnsureSuccessAsync(response, Service, ct);
        return await response.Content.ReadFromJsonAsync<DeliveryShipment>(ct);
    }

    public Task<DeliverySlotHold> HoldAsync(Guid slotId, CancellationToken ct) =>
        DownstreamCalls.ReadAsync<DeliverySlotHold>(http.PostAsync($"/api/v1/slots/{slotId}/holds", null, ct), Service, ct);
}
