using System.Globalization;

namespace Grocery.Web.Shopping;

/// <summary>
/// The one place amounts and dates become text. VND has no minor unit: amounts are shown in whole
/// đồng, <c>125.000 ₫</c> in Vietnamese and <c>₫125,000</c> in English, whatever the server's ICU data.
/// </summary>
public static class Money
{
    public const string StoreTimeZone = "Asia/Ho_Chi_Minh";
    private static readonly TimeZoneInfo Store = TimeZoneInfo.FindSystemTimeZoneById(StoreTimeZone);
    private static readonly NumberFormatInfo Dots = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };
    private static readonly NumberFormatInfo Commas = new() { NumberGroupSeparator = ",", NumberDecimalSeparator = "." };

    public static string Format(decimal amount, CultureInfo culture)
    {
        var whole = Math.Round(amount, 0, MidpointRounding.AwayFromZero);
        var sign = whole < 0 ? "-" : "";
        var digits = Math.Abs(whole);
        return IsVietnamese(culture)
            ? $"{sign}{digits.ToString("#,0", Dots)} ₫"
            : $"{sign}₫{digits.ToString("#,0", Commas)}";
    }

    public static string Format(decimal amount) => Format(amount, CultureInfo.CurrentUICulture);

    /// <summary>A quantity as the shopper reads it: kilograms with one decimal, pieces whole.</summary>
    public static string Quantity(decimal quantity, bool weighed, CultureInfo culture) => weighed
        ? quantity.ToString("0.0##", IsVietnamese(culture) ? Dots : Commas) + " kg"
        : quantity.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>What a unit price is per, in the shopper's words: Catalog's "pcs" reads "cái" in Vietnamese and "pc" in English.</summary>
    public static string PerUnit(string unit, CultureInfo culture) => unit switch
    {
        "pcs" => IsVietnamese(culture) ? "cái" : "pc",
        "l" => "L",
        _ => unit,
    };

    public static DateTimeOffset InStore(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Store);

    public static string Time(DateTimeOffset instant) => InStore(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset instant, CultureInfo culture) =>
        InStore(instant).ToString(IsVietnamese(culture) ? "ddd dd/MM" : "ddd d MMM", culture);

    public static string DayAndTime(DateTimeOffset instant, CultureInfo culture) => $"{Day(instant, culture)} {Time(instant)}";

    /// <summary>A calendar date such as a best-before: 09/12/2026 in Vietnamese, 9 Dec 2026 in English.</summary>
    public static string Date(DateOnly date, CultureInfo culture) =>
        date.ToString(IsVietnamese(culture) ? "dd/MM/yyyy" : "d MMM yyyy", culture);

    public static bool IsVietnamese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "vi";
}
