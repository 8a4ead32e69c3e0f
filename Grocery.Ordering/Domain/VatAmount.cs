namespace Grocery.Ordering.Domain;

/// <summary>VAT included in the gross amount of the lines taxed at <see cref="Rate"/> percent.</summary>
public sealed class VatAmount
{
    public int Rate { get; init; }

    public decimal Gross { get; init; }

    public decimal Vat { get; init; }
}
