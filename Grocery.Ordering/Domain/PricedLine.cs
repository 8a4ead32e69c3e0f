namespace Grocery.Ordering.Domain;

public sealed record PricedLine(
    Guid ProductId,
    string Sku,
    string Name,
    decimal Quantity,
    bool SoldByWeight,
    decimal UnitPrice,
    int VatRate,
    SubstitutionPreference Substitution,
    string? SubstituteSku,
    string? Note)
{
    public decimal LineTotal => Money.LineTotal(UnitPrice, Quantity);
}
