namespace Grocery.Ordering.Domain;

/// <summary>Weighed goods are ordered in 0.1 kg steps; everything else in whole units.</summary>
public static class QuantityRules
{
    public const decimal WeightStep = 0.1m;
    public const decimal MaxWeightKg = 50m;
    public const decimal MaxUnits = 99m;

    public static string? Validate(decimal quantity, bool soldByWeight)
    {
        if (quantity <= 0) return "Quantity must be greater than zero.";
        if (soldByWeight)
        {
            if (quantity % WeightStep != 0) return "Weighed goods are sold in steps of 0.1 kg.";
            if (quantity > MaxWeightKg) return $"At most {MaxWeightKg} kg per line.";
        }
        else
        {
            if (quantity % 1 != 0) return "This product is sold by the piece: the quantity must be a whole number.";
            if (quantity > MaxUnits) return $"At most {MaxUnits} per line.";
        }
        return null;
    }
}
