using System.Globalization;
using System.Text;

namespace Grocery.Catalog.Domain;

public static class ProductRules
{
    public static readonly int[] TaxClasses = [0, 5, 8, 10];
    public static readonly string[] Units = ["g", "kg", "ml", "l", "pcs"];
    public const decimal MaxPrice = CatalogLimits.MaxPrice;

    public static bool IsValidEan13(string? gtin)
    {
        if (gtin is not { Length: 13 } || !gtin.All(char.IsAsciiDigit)) return false;
        return gtin[12] - '0' == Ean13CheckDigit(gtin.AsSpan(0, 12));
    }

    public static int Ean13CheckDigit(ReadOnlySpan<char> first12)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (first12[i] - '0') * (i % 2 == 0 ? 1 : 3);
        return (10 - sum % 10) % 10;
    }

    /// <summary>Price per kg, per litre, or per piece, rounded to whole đồng half away from zero.</summary>
    public static (decimal UnitPrice, string Per) UnitPrice(SoldBy soldBy, string unit, decimal netContent, decimal price)
    {
        if (soldBy == SoldBy.Weight) return (price, "kg");
        if (netContent <= 0) return (price, "pcs");
        return unit switch
        {
            "g" => (Math.Round(price * 1000m / netContent, 0, MidpointRounding.AwayFromZero), "kg"),
            "kg" => (Math.Round(price / netContent, 0, MidpointRounding.AwayFromZero), "kg"),
            "ml" => (Math.Round(price * 1000m / netContent, 0, MidpointRounding.AwayFromZero), "l"),
            "l" => (Math.Round(price / netContent, 0, MidpointRounding.AwayFromZero), "l"),
            _ => (Math.Round(price / netContent, 0, MidpointRounding.AwayFromZero), "pcs"),
        };
    }

    /// <summary>
    /// Whether the derived unit price fits its column: 1 g at the highest price is 10^14 đồng per kg. Only
    /// for a net content and price within their limits, where the division cannot overflow a decimal.
    /// </summary>
    public static bool UnitPriceFits(SoldBy soldBy, string unit, decimal netContent, decimal price) =>
        netContent <= 0 || UnitPrice(soldBy, unit, netContent, price).UnitPrice <= CatalogLimits.MaxUnitPrice;

    /// <summary>Lower case without Vietnamese diacritics (đ → d), as PostgreSQL's unaccent does.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string Slugify(string text)
    {
        var folded = Fold(text);
        var sb = new StringBuilder(folded.Length);
        var dash = false;
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c)) { sb.Append(c); dash = false; }
            else if (!dash && sb.Length > 0) { sb.Append('-'); dash = true; }
        }
        return sb.ToString().TrimEnd('-');
    }

    public static string ProductSlug(string name, string sku) => $"{Slugify(name)}-{sku.ToLowerInvariant()}";
}
