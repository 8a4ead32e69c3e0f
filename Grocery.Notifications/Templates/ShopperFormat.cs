using System.Globalization;
using Grocery.Notifications.Domain;

namespace Grocery.Notifications.Templates;

/// <summary>Money, quantities and times as the shopper reads them in their language and the store's time zone.</summary>
public sealed class ShopperFormat(string language, TimeZoneInfo zone)
{
    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(language == ShopperLanguage.English ? "en-GB" : "vi-VN");

    public bool English => language == ShopperLanguage.English;

    /// <summary>VND has no minor unit.</summary>
    public string Money(decimal amount) => string.Format(_culture, "{0:N0} ₫", Math.Round(amount, 0, MidpointRounding.AwayFromZero));

    public string Quantity(decimal quantity) => quantity.ToString("0.###", _culture);

    public string Day(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(English ? "dddd d MMMM yyyy" : "dddd, dd/MM/yyyy", _culture);

    public string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", _culture);

    /// <summary>"Monday 7 December 2026, 18:00–19:00".</summary>
    public string Window(DateTimeOffset start, DateTimeOffset end) => $"{Day(start)}, {Time(start)}–{Time(end)}";
}
