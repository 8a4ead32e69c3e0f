namespace Grocery.Ordering.Infrastructure;

public interface IDeliveryClient
{
    /// <summary>The zone serving a postcode or district, or null when none does.</summary>
    Task<DeliveryZone?> LookupZoneAsync(string? postcode, string? district, CancellationToken cancellationToken);

    /// <summary>Validates the caller's hold and extends it so it outlives the saga.</summary>
    Task<SlotHoldExtension> ExtendHoldAsync(Guid holdId, CancellationToken cancellationToken);
}
