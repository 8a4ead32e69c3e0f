namespace Grocery.Catalog.Domain;

/// <summary>A sellable SKU. Prices are VND with VAT included; the unit price is what shoppers compare.</summary>
public sealed class Product
{
    public Guid Id { get; set; }
    public required string Sku { get; set; }
    public required string Gtin { get; set; }
    public required string Name { get; set; }
    public string NameEn { get; set; } = "";
    public string Description { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public required string Slug { get; set; }
    public required string Brand { get; set; }
    public int CategoryId { get; set; }
    public SoldBy SoldBy { get; set; }
    /// <summary>Unit of the net content: g, kg, ml, l or pcs.</summary>
    public required string Unit { get; set; }
    public decimal NetContent { get; set; }
    public decimal Price { get; set; }
    public int TaxClass { get; set; }
    public decimal UnitPrice { get; set; }
    /// <summary>kg, l or pcs: what <see cref="UnitPrice"/> is per.</summary>
    public string UnitPriceUnit { get; set; } = "pcs";
    public string[] DietaryTags { get; set; } = [];
    public string[] Allergens { get; set; } = [];
    public string CountryOfOrigin { get; set; } = "VN";
    public StorageType Storage { get; set; }
    public bool Perishable { get; set; }
    public int? ShelfLifeDays { get; set; }
    public string[] Images { get; set; } = [];
    public bool IsActive { get; set; } = true;
    public int Popularity { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>PostgreSQL xmin: the optimistic concurrency token behind ETag / If-Match.</summary>
    public uint Version { get; set; }

    public void ChangePrice(decimal newPrice, DateTimeOffset now)
    {
        Price = newPrice;
        RecomputeUnitPrice();
        UpdatedAt = now;
    }

    public void RecomputeUnitPrice() => (UnitPrice, UnitPriceUnit) = ProductRules.UnitPrice(SoldBy, Unit, NetContent, Price);
}
