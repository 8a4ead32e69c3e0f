namespace Grocery.Contracts.Inventory;

public sealed record ReservedLine(string Sku, decimal Quantity);
