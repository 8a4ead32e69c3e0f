namespace Grocery.Ordering.Domain;

/// <summary>A basket line as it was priced at checkout. For weighed goods Quantity is kg and LineTotal an estimate.</summary>
public sealed class OrderItem
{
    public Guid ProductId { get; init; }

    public required string Sku { get; init; }

    public required string Name { get; init; }

    public decimal Quantity { get; init; }

    public bool SoldByWeight { get; init; }

    public decimal UnitPrice { get; init; }

    public int VatRate { get; init; }

    public decimal LineTotal { get; init; }

    public SubstitutionPreference Substitution { get; init; }

    public string? SubstituteSku { get; init; }

    public string? Note { get; init; }
}
