using System.Globalization;
using Grocery.Web.Shopping;

namespace Grocery.Web.Tests.Components;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(125_000, "125.000 ₫")]
    [InlineData(5_000, "5.000 ₫")]
    [InlineData(1_250_000, "1.250.000 ₫")]
    [InlineData(0, "0 ₫")]
    public void Vietnamese_prices_group_thousands_with_dots_and_put_the_dong_sign_after(decimal amount, string expected) =>
        Assert.Equal(expected, Money.Format(amount, new CultureInfo("vi")));

    [Theory]
    [InlineData(125_000, "₫125,000")]
    [InlineData(5_000, "₫5,000")]
    [InlineData(1_250_000, "₫1,250,000")]
    public void English_prices_put_the_dong_sign_first_and_group_with_commas(decimal amount, string expected) =>
        Assert.Equal(expected, Money.Format(amount, new CultureInfo("en")));

    [Fact]
    public void Amounts_are_shown_in_whole_dong_rounding_half_away_from_zero()
    {
        Assert.Equal("12.501 ₫", Money.Format(12_500.5m, new CultureInfo("vi")));
        Assert.Equal("-₫12,501", Money.Format(-12_500.5m, new CultureInfo("en")));
    }

    [Fact]
    public void Weighed_quantities_show_kilograms_with_the_languages_decimal_mark()
    {
        Assert.Equal("0,5 kg", Money.Quantity(0.5m, weighed: true, new CultureInfo("vi")));
        Assert.Equal("1.2 kg", Money.Quantity(1.2m, weighed: true, new CultureInfo("en")));
        Assert.Equal("3", Money.Quantity(3m, weighed: false, new CultureInfo("en")));
    }

    [Theory]
    [InlineData("pcs", "vi", "cái")]
    [InlineData("pcs", "en", "pc")]
    [InlineData("l", "vi", "L")]
    [InlineData("kg", "en", "kg")]
    public void A_unit_price_is_per_a_unit_the_shopper_reads_in_their_language(string unit, string language, string expected) =>
        Assert.Equal(expected, Money.PerUnit(unit, new CultureInfo(language)));

    [Fact]
    public void Slot_times_are_shown_on_the_stores_clock()
    {
        var oneAmUtc = new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
        Assert.Equal("08:00", Money.Time(oneAmUtc));
    }
}
