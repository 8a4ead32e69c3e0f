namespace Grocery.Ordering.Domain;

/// <summary>VND has no minor unit: every amount is rounded to whole đồng, half away from zero.</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 0, MidpointRounding.AwayFromZero);

    public static decimal LineTotal(decimal unitPrice, decimal quantity) => Round(unitPrice * quantity);

    /// <summary>The VAT contained in a VAT-inclusive amount.</summary>
    public static decimal IncludedVat(decimal gross, int ratePercent) =>
        ratePercent == 0 ? 0m : Round(gross * ratePercent / (100m + ratePercent));
}
