namespace Grocery.Contracts.Ordering;

/// <summary>
/// What was picked for one ordered line: the quantity (kg for weighed goods), the measured weight
/// when weighed, and the substitute SKU when the original was replaced. Storage ("ambient", "chilled",
/// "frozen") tells Inventory how to treat the goods if they come back from the door.
/// </summary>
public sealed record PickedLine(
    string Sku,
    decimal OrderedQuantity,
    decimal PickedQuantity,
    decimal? WeightKg,
    string? SubstituteSku,
    decimal LineTotal,
    string Storage = "ambient");
