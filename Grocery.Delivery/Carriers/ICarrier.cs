namespace Grocery.Delivery.Carriers;

/// <summary>
/// One delivery carrier. Adding a carrier is one implementation of this interface plus its
/// configuration section; dispatch, webhooks and tracking find it by <see cref="Name"/>.
/// </summary>
public interface ICarrier
{
    /// <summary>Lower-case name used in zone configuration and in /api/v1/carriers/{carrier}/webhooks.</summary>
    string Name { get; }

    /// <summary>False while its credentials are missing (they are optional secrets): its zones go to the in-house fleet.</summary>
    bool IsConfigured { get; }

    /// <summary>Whether booking sends the shopper's drop-off to the carrier, so dispatch must fetch it from Ordering first.</summary>
    bool NeedsDropOff { get; }

    Task<CarrierQuote> QuoteAsync(ShipmentRequest request, CancellationToken cancellationToken);

    /// <summary>Books the shipment; the carrier must treat <see cref="ShipmentRequest.OrderId"/> as the merchant reference.</summary>
    Task<CarrierBooking> BookAsync(ShipmentRequest request, CancellationToken cancellationToken);

    Task CancelAsync(string reference, CancellationToken cancellationToken);

    Task<CarrierTracking> TrackAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Verifies a status callback; null when its signature or secret is wrong.</summary>
    CarrierStatusUpdate? ReadWebhook(IHeaderDictionary headers, ReadOnlySpan<byte> body);
}
