using System.Text.Json;
using Grocery.Delivery.Domain;
using Microsoft.Extensions.Options;

namespace Grocery.Delivery.Carriers.InHouse;

/// <summary>
/// The stores' own drivers: booking needs no external service (the shipment joins the store's
/// dispatch board); drivers' app reports progress through the signed webhook
/// (header <c>X-Grocery-Signature: sha256=&lt;hex HMAC of the body&gt;</c>).
/// </summary>
public sealed class InHouseFleetCarrier(IServiceScopeFactory scopes, IOptions<InHouseFleetOptions> options, TimeProvider time) : ICarrier
{
    public const string SignatureHeader = "X-Grocery-Signature";

    public string Name => CarrierRegistry.InHouse;

    public bool IsConfigured => true;

    /// <summary>Drivers read the drop-off from Ordering when they open their list, so booking stores none.</summary>
    public bool NeedsDropOff => false;

    public Task<CarrierQuote> QuoteAsync(ShipmentRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new CarrierQuote(Name, options.Value.CostPerDelivery, "VND", request.WindowEnd));

    public Task<CarrierBooking> BookAsync(ShipmentRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new CarrierBooking(Name, ReferenceFor(request.OrderId), options.Value.CostPerDelivery, null));

    public Task CancelAsync(string reference, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<CarrierTracking> TrackAsync(string reference, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.DeliveryDbContext>();
        var shipment = await db.Shipments.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Carrier == Name && s.CarrierReference == reference, cancellationToken)
            ?? throw new CarrierException(Name, $"no shipment {reference}", retryable: false);
        var state = shipment.Status switch
        {
            ShipmentStatus.Dispatched => CarrierShipmentState.Dispatched,
            ShipmentStatus.Delivered => CarrierShipmentState.Delivered,
            ShipmentStatus.Failed => CarrierShipmentState.Failed,
            ShipmentStatus.Cancelled => CarrierShipmentState.Cancelled,
            _ => CarrierShipmentState.Booked,
        };
        return new CarrierTracking(Name, reference, state, shipment.Status.ToString(), shipment.UpdatedAt);
    }

    public CarrierStatusUpdate? ReadWebhook(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        var secret = options.Value.WebhookSecret;
        var presented = headers[SignatureHeader].ToString();
        if (string.IsNullOrEmpty(secret) || !presented.StartsWith("sha256=", StringComparison.Ordinal)) return null;
        if (!WebhookSecrets.SecretEquals(presented["sha256=".Length..], WebhookSecrets.HmacSha256Hex(secret, body))) return null;

        var payload = JsonSerializer.Deserialize<InHouseStatusCallback>(body, CarrierHttp.Json);
        if (payload is null || !Enum.TryParse<CarrierShipmentState>(payload.Status, ignoreCase: true, out var state)) return null;
        return new CarrierStatusUpdate(payload.EventId, payload.Reference, null, state, payload.Status,
            payload.OccurredAt ?? time.GetUtcNow(), payload.Reason);
    }

    public static string ReferenceFor(Guid orderId) => $"INH-{orderId:N}";

    private sealed record InHouseStatusCallback(string EventId, string Reference, string Status, DateTimeOffset? OccurredAt, string? Reason);
}
