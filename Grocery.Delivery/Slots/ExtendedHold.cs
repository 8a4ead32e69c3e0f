namespace Grocery.Delivery.Slots;

public sealed record ExtendedHold(
    Guid HoldId,
    Guid SlotId,
    Guid ZoneId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset CutoffAt,
    decimal Fee);
