namespace Grocery.Ordering.Domain;

/// <summary>
/// A basket line as it was priced at checkout, and what picking made of it. For weighed goods Quantity
/// is kg and LineTotal an estimate; <see cref="FinalLineTotal"/> is what the shopper pays once packed.
/// </summary>
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

    // Shelf details from Catalog, snapshot at checkout so the pick list never depends on Catalog being up.

    public string? Gtin { get; internal set; }

    /// <summary>"ambient", "chilled" or "frozen".</summary>
    public string? Storage { get; internal set; }

    /// <summary>Dark stores shelve by category, so the category's name is the aisle.</summary>
    public string? Aisle { get; internal set; }

    public int? CategoryId { get; internal set; }

    /// <summary>Unit and net content of one item (e.g. g, 500), for "similar size" substitutes.</summary>
    public string? Unit { get; internal set; }

    public decimal? NetContent { get; internal set; }

    // Picking.

    public LinePickState PickState { get; internal set; }

    /// <summary>Items picked, or kg for weighed lines (then equal to <see cref="WeightKg"/>).</summary>
    public decimal? PickedQuantity { get; internal set; }

    public decimal? WeightKg { get; internal set; }

    /// <summary>How much the warehouse still had when the line was marked short.</summary>
    public decimal? ShortAvailable { get; internal set; }

    /// <summary>Why the line is short or removed, for the shopper's receipt.</summary>
    public string? PickNote { get; internal set; }

    public string? PickedSubstituteSku { get; internal set; }

    public string? PickedSubstituteName { get; internal set; }

    public decimal? PickedSubstituteQuantity { get; internal set; }

    /// <summary>The substitute's price capped at the original's: a substitute never costs the shopper more.</summary>
    public decimal? PickedSubstituteUnitPrice { get; internal set; }

    public int? PickedSubstituteVatRate { get; internal set; }

    /// <summary>Set when packed: the charged amount, rounded to whole đồng.</summary>
    public decimal? FinalLineTotal { get; internal set; }

    /// <summary>Quantity the shopper refused at the door, refunded.</summary>
    public decimal? RefusedQuantity { get; internal set; }

    public bool IsResolved => PickState is LinePickState.Picked or LinePickState.Substituted or LinePickState.Removed;

    /// <summary>What left the warehouse for this line: the substitute when there is one.</summary>
    public string DeliveredSku => PickedSubstituteSku ?? Sku;

    public decimal ChargedUnitPrice => PickedSubstituteUnitPrice ?? UnitPrice;

    public decimal DeliveredQuantity => PickState switch
    {
        LinePickState.Picked => PickedQuantity ?? 0m,
        LinePickState.Substituted => PickedSubstituteQuantity ?? 0m,
        _ => 0m,
    };

    public int ChargedVatRate => PickedSubstituteVatRate ?? VatRate;
}

public enum LinePickState
{
    Pending,
    Picked,
    /// <summary>Not (fully) on the shelf; the picker substitutes or removes it.</summary>
    Short,
    Substituted,
    Removed,
}
