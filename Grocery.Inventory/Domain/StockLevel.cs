using Grocery.Contracts;

namespace Grocery.Inventory.Domain;

public static class StockLevel
{
    /// <summary>Out at zero, low at or below the threshold, otherwise in stock (same rule as the SQL function inventory_stock_state).</summary>
    public static StockState StateOf(decimal available, decimal lowThreshold) =>
        available <= 0 ? StockState.Out : available <= lowThreshold ? StockState.Low : StockState.In;
}
