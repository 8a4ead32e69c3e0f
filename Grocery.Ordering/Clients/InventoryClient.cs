using System.Net;
using System.Net.Http.Json;

namespace Grocery.Ordering.Clients;

/// <summary>Inventory for the picker: availability of substitute candidates and their reservation, as the picker (bearer token forwarded).</summary>
internal sealed class InventoryClient(HttpClient http) : IInventoryClient
{
    public async Task<IReadOnlyDictionary<string, decimal>> GetAvailableAsync(Guid warehouseId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        if (skus.Count == 0) return new Dictionary<string, decimal>();
        using var response = await http.PostAsJsonAsync("/api/v1/stock/availability",
            new AvailabilityRequest(warehouseId, skus.Distinct().Select(s => new AvailabilityLine(s, 1m)).ToList()), RemoteJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<AvailabilityView>(RemoteJson.Options, cancellationToken);
        return (view?.Lines ?? []).GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => g.Max(l => l.Available));
    }

    public async Task<SubstituteReservation> ReserveSubstituteAsync(Guid orderId, string originalSku, string sku, decimal quantity, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reservations/{orderId}/substitutions")
        {
            Content = JsonContent.Create(new SubstitutionRequest(originalSku, sku, quantity), options: RemoteJson.Options),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict) return SubstituteReservation.Unavailable;
        if (response.StatusCode == HttpStatusCode.NotFound) return SubstituteReservation.NoReservation;
        response.EnsureSuccessStatusCode();
        return SubstituteReservation.Reserved;
    }

    private sealed record AvailabilityLine(string Sku, decimal Quantity);

    private sealed record AvailabilityRequest(Guid WarehouseId, IReadOnlyList<AvailabilityLine> Lines);

    private sealed record AvailabilityView(Guid WarehouseId, IReadOnlyList<LineAvailability>? Lines);

    private sealed record LineAvailability(string Sku, decimal Requested, decimal Available);

    private sealed record SubstitutionRequest(string OriginalSku, string Sku, decimal Quantity);
}
