namespace Grocery.Delivery.Domain;

public sealed record PlannedSlot(
    Guid TemplateId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset CutoffAt,
    int Capacity,
    bool IsPeak,
    decimal Fee);
