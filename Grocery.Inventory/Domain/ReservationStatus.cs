namespace Grocery.Inventory.Domain;

/// <summary>Stored as text (see <see cref="ReservationStatuses"/>).</summary>
public enum ReservationStatus
{
    Pending,
    Confirmed,
    Consumed,
    Released,
    Expired,
    Failed,
}

public static class ReservationStatuses
{
    public static string ToDb(this ReservationStatus status) => status.ToString().ToLowerInvariant();

    public static ReservationStatus Parse(string value) => Enum.Parse<ReservationStatus>(value, ignoreCase: true);
}
