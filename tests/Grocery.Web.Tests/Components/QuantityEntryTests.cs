using System.Globalization;
using Grocery.Web.Staff;

namespace Grocery.Web.Tests.Components;

/// <summary>Stock quantities typed on the receiving and stock forms, read in the page's language and never guessed.</summary>
public sealed class QuantityEntryTests
{
    [Theory]
    [InlineData("vi", "1000", false, 1000)]
    [InlineData("vi", " 24 ", false, 24)]
    [InlineData("vi", "2,5", true, 2.5)]
    [InlineData("vi", "0,75 kg", true, 0.75)]
    [InlineData("en", "2.5", true, 2.5)]
    [InlineData("en", "1000", false, 1000)]
    public void A_quantity_written_the_pages_way_is_read_as_written(string language, string typed, bool weighed, decimal expected)
    {
        var reading = Amounts.ReadQuantity(typed, new CultureInfo(language), wholeUnits: !weighed);

        Assert.Equal(expected, reading.Quantity);
        Assert.Null(reading.Problem);
    }

    [Theory]
    [InlineData("vi", "1.000", false)]
    [InlineData("vi", "1.000", true)]
    [InlineData("vi", "1.5", true)]
    [InlineData("en", "1,000", false)]
    [InlineData("en", "1,5", true)]
    [InlineData("en", "1,000.5", true)]
    public void A_group_separator_or_the_other_languages_decimal_mark_is_refused_rather_than_guessed(string language, string typed, bool weighed)
    {
        var reading = Amounts.ReadQuantity(typed, new CultureInfo(language), wholeUnits: !weighed);

        Assert.Null(reading.Quantity);
        Assert.Equal(QuantityProblem.Separator, reading.Problem);
    }

    [Theory]
    [InlineData("vi", "2,5")]
    [InlineData("en", "2.5")]
    public void Goods_counted_by_the_piece_refuse_a_fraction(string language, string typed) =>
        Assert.Equal(QuantityProblem.Fraction, Amounts.ReadQuantity(typed, new CultureInfo(language), wholeUnits: true).Problem);

    [Theory]
    [InlineData("", QuantityProblem.Missing)]
    [InlineData("  ", QuantityProblem.Missing)]
    [InlineData("0", QuantityProblem.NotAboveZero)]
    [InlineData("0,000", QuantityProblem.NotAboveZero)]
    [InlineData("-3", QuantityProblem.NotANumber)]
    [InlineData("3 000", QuantityProblem.NotANumber)]
    [InlineData("12a", QuantityProblem.NotANumber)]
    [InlineData("1,2,3", QuantityProblem.NotANumber)]
    [InlineData(",", QuantityProblem.NotANumber)]
    [InlineData("123456789012345678901", QuantityProblem.NotANumber)]
    public void Anything_else_is_refused_with_its_reason(string typed, QuantityProblem problem)
    {
        var reading = Amounts.ReadQuantity(typed, new CultureInfo("vi"), wholeUnits: false);

        Assert.Null(reading.Quantity);
        Assert.Equal(problem, reading.Problem);
    }

    [Theory]
    [InlineData("vi", 1000, false)]
    [InlineData("vi", 2.5, true)]
    [InlineData("en", 12.125, true)]
    [InlineData("en", 66, false)]
    public void What_the_staff_pages_show_reads_back_as_the_same_quantity(string language, decimal quantity, bool weighed)
    {
        var culture = new CultureInfo(language);

        Assert.Equal(quantity, Amounts.ReadQuantity(Amounts.Stock(quantity, culture), culture, wholeUnits: !weighed).Quantity);
    }
}
