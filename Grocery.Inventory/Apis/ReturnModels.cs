namespace Grocery.Inventory.Apis;

/// <summary>Decision: "restock" or "write-off"; the reason is kept with the return and in the ledger.</summary>
public sealed record InspectReturnRequest(string? Decision, string? Reason);

/// <summary>
/// Goods back from the door. Source: "delivery-failed" or "refused"; status: "pending", "restocked" or
/// "written-off"; suggestedDecision: "write-off" for chilled and frozen goods (the cold chain was broken), else "restock".
/// </summary>
public sealed record ReturnView(
    Guid Id,
    Guid WarehouseId,
    Guid OrderId,
    Guid ShipmentId,
    string Sku,
    decimal Quantity,
    string Storage,
    string Source,
    string? Note,
    string Status,
    string SuggestedDecision,
    DateTimeOffset CreatedAt,
    DateTimeOffset? InspectedAt,
    string? InspectedBy,
    string? InspectionReason);
