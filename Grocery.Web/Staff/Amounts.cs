using System.Globalization;

namespace Grocery.Web.Staff;

/// <summary>Numbers typed by staff on a phone keypad, in either language's way of writing them.</summary>
public static class Amounts
{
    /// <summary>
    /// Cash in đồng. The đồng has no minor unit, so every separator ("117.261", "117,261", "117 261 ₫") is grouping;
    /// null when there are no digits or the number is absurdly long.
    /// </summary>
    public static decimal? Parse(string? text)
    {
        var digits = new string((text ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and <= 15 ? decimal.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A weight in kg: "1,05" (Vietnamese) and "1.05" (English) are both 1.05; null when it is not a number.</summary>
    public static decimal? ParseKg(string? text)
    {
        var normalised = (text ?? "").Trim().Replace("kg", "", StringComparison.OrdinalIgnoreCase).Trim().Replace(',', '.');
        return decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var kg) ? kg : null;
    }

    /// <summary>A weight as the picker reads it on the scale: up to three decimals, in the page's language.</summary>
    public static string Kg(decimal kg, CultureInfo culture) =>
        kg.ToString("0.###", Shopping.Money.IsVietnamese(culture) ? new NumberFormatInfo { NumberDecimalSeparator = "," } : CultureInfo.InvariantCulture);

    /// <summary>A stock quantity (units, or kg for weighed goods) as staff read it: up to three decimals, in the page's language.</summary>
    public static string Stock(decimal quantity, CultureInfo culture) => Kg(quantity, culture);
}
