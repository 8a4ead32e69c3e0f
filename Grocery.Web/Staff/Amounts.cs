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

    /// <summary>
    /// A stock quantity typed on a receiving or stock form, read the way the page writes numbers: the page's decimal mark
    /// ("," in Vietnamese, "." in English) and digits, nothing else. The other mark is refused rather than guessed: to a
    /// Vietnamese manager "1.000" is a thousand, to a scale or an English habit it is one, and receiving the wrong one is
    /// a thousandfold error in stock. Whole units (goods sold by the piece) refuse a decimal mark too.
    /// </summary>
    public static QuantityReading ReadQuantity(string? text, CultureInfo culture, bool wholeUnits)
    {
        var typed = (text ?? "").Trim();
        if (typed.EndsWith("kg", StringComparison.OrdinalIgnoreCase)) typed = typed[..^2].TrimEnd();
        if (typed.Length == 0) return new(null, QuantityProblem.Missing);
        var decimalMark = Shopping.Money.IsVietnamese(culture) ? ',' : '.';
        var groupMark = decimalMark == ',' ? '.' : ',';
        if (typed.Contains(groupMark)) return new(null, QuantityProblem.Separator);
        if (wholeUnits && typed.Contains(decimalMark)) return new(null, QuantityProblem.Fraction);
        var marks = typed.Count(c => c == decimalMark);
        if (marks > 1 || typed.Length > 20 || !typed.All(c => char.IsAsciiDigit(c) || c == decimalMark) || !typed.Any(char.IsAsciiDigit))
            return new(null, QuantityProblem.NotANumber);
        var quantity = decimal.Parse(typed.Replace(decimalMark, '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return quantity > 0 ? new(quantity, null) : new(null, QuantityProblem.NotAboveZero);
    }

    /// <summary>A weight as the picker reads it on the scale: up to three decimals, in the page's language.</summary>
    public static string Kg(decimal kg, CultureInfo culture) =>
        kg.ToString("0.###", Shopping.Money.IsVietnamese(culture) ? new NumberFormatInfo { NumberDecimalSeparator = "," } : CultureInfo.InvariantCulture);

    /// <summary>A stock quantity (units, or kg for weighed goods) as staff read it: up to three decimals, in the page's language.</summary>
    public static string Stock(decimal quantity, CultureInfo culture) => Kg(quantity, culture);
}

/// <summary>A typed stock quantity: the number, or why it was refused.</summary>
public sealed record QuantityReading(decimal? Quantity, QuantityProblem? Problem);

public enum QuantityProblem
{
    Missing,
    NotANumber,
    NotAboveZero,
    /// <summary>A thousands separator of the page's language, or the other language's decimal mark: refused, never guessed.</summary>
    Separator,
    /// <summary>A decimal for goods counted by the piece.</summary>
    Fraction,
}
