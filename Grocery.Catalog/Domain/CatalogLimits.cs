namespace Grocery.Catalog.Domain;

/// <summary>
/// The bounds of everything Catalog stores and every filter it reads with. The model configuration (and
/// the import's staging table) sizes its columns from these and validation checks against them, so a value
/// that passes validation fits.
/// </summary>
public static class CatalogLimits
{
    public const int SkuMaxLength = 32;

    public const int GtinLength = 13;

    public const int NameMaxLength = 200;

    public const int DescriptionMaxLength = 4000;

    public const int BrandMaxLength = 100;

    /// <summary>A slugified name (at most as long as the name), a dash and the SKU in lower case.</summary>
    public const int SlugMaxLength = 260;

    public const int CategoryNameMaxLength = 200;

    public const int CategorySlugMaxLength = 200;

    public const int CategoryPathMaxDepth = 3;

    /// <summary>Sold-by and storage are stored by name; the longest name is far shorter.</summary>
    public const int EnumNameMaxLength = 10;

    public const int UnitMaxLength = 5;

    public const int CountryCodeLength = 2;

    /// <summary>numeric(12,3): net content in grams, millilitres, kilograms, litres or pieces.</summary>
    public const int NetContentPrecision = 12;

    public const int NetContentScale = 3;

    public const decimal MinNetContent = 0.001m;

    public const decimal MaxNetContent = 100_000m;

    /// <summary>Whole đồng in numeric(14,0): prices, unit prices and their history.</summary>
    public const int MoneyPrecision = 14;

    public const decimal MaxPrice = 100_000_000m;

    /// <summary>
    /// The largest value numeric(14,0) holds. A unit price is derived (per kg from 1 g at the highest price
    /// is a million times the price), so it is checked against the column rather than assumed to fit.
    /// </summary>
    public const decimal MaxUnitPrice = 99_999_999_999_999m;

    /// <summary>numeric(14,3): stock Inventory reports per SKU and warehouse.</summary>
    public const int AvailablePrecision = 14;

    public const int AvailableScale = 3;

    public const decimal MaxAvailable = 99_999_999_999.999m;

    public const int MaxTagsPerProduct = 20;

    public const int TagMaxLength = 50;

    public const int MaxImagesPerProduct = 20;

    public const int ImageUrlMaxLength = 2048;

    public const int MaxShelfLifeDays = 3650;

    /// <summary>Values of one list filter (brand=a,b,c or tags=...).</summary>
    public const int MaxFilterValues = 20;

    /// <summary>Kestrel reads request lines of at most 8 KB, so no longer cursor can arrive anyway.</summary>
    public const int CursorMaxLength = 8192;

    public const int SearchTextMaxLength = 100;

    public const int MaxBatch = 100;
}
