namespace Grocery.Contracts.Inventory;

public sealed record StockShortfallLine(string Sku, decimal Requested, decimal Available)
{
    public decimal Shortfall => Requested - Available;
}
