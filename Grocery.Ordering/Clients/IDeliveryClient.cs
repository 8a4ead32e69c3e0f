namespace Grocery.Ordering.Clients;

public interface IDeliveryClient
{
    /// <summary>The zone serving a postcode or district, with its standard fee for <paramref name="basketValue"/>; null when no zone does.</summary>
    Task<DeliveryZone?> LookupZoneAsync(string? postcode, string? district, decimal basketValue, CancellationToken cancellationToken);

    /// <summary>Validates the caller's hold and extends it so it outlives the saga; the fee is the slot's for <paramref name="basketValue"/>.</summary>
    Task<SlotHoldExtension> ExtendHoldAsync(Guid holdId, decimal basketValue, CancellationToken cancellationToken);
}
