namespace Grocery.Delivery.Clients;

/// <summary>Ordering's dispatch API, called with Delivery's own service token.</summary>
public interface IOrderingClient
{
    /// <summary>
    /// Where the order goes and who takes it. Personal data: kept in memory for the call that needs it,
    /// never logged or stored. Throws <see cref="DropOffUnavailableException"/> when Ordering cannot say.
    /// </summary>
    Task<DropOffAddress> GetDropOffAsync(Guid orderId, CancellationToken cancellationToken);
}

/// <summary>Ordering's answer to GET /api/v1/dispatch/{orderId}/drop-off.</summary>
public sealed record DropOffAddress(
    string RecipientName,
    string Phone,
    string Address,
    string? District,
    string? Postcode,
    double? Latitude,
    double? Longitude)
{
    // A record prints every field; this one must never reach a log line by accident.
    public override string ToString() => nameof(DropOffAddress) + " { redacted }";
}

/// <summary>Ordering did not give the drop-off (unreachable, refused, or unknown order); the message names the order only.</summary>
public sealed class DropOffUnavailableException(Guid orderId, string reason, Exception? inner = null)
    : Exception($"The drop-off of order {orderId} is unavailable: {reason}", inner)
{
    public Guid OrderId { get; } = orderId;
}
