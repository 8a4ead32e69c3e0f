namespace Grocery.Contracts.Ordering;

/// <summary>
/// One ordered line. Quantity is in kg for weighed goods; EstimatedUnitPrice and EstimatedLineTotal
/// are VND with VAT included (the line total is final only after picking).
/// </summary>
public sealed record OrderLine(
    Guid ProductId,
    string Sku,
    decimal Quantity,
    bool SoldByWeight,
    decimal EstimatedUnitPrice,
    decimal EstimatedLineTotal,
    SubstitutionPreference Substitution,
    string? SubstituteSku);
