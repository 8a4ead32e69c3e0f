using Grocery.Ordering.Picking;

namespace Grocery.Ordering.Tests;

public sealed class SubstituteSizeTests
{
    [Theory]
    [InlineData("l", 1, "ml", 500, 0.5)]
    [InlineData("ml", 500, "l", 1, 2)]
    [InlineData("kg", 1, "g", 500, 0.5)]
    [InlineData("pcs", 4, "pcs", 6, 1.5)]
    [InlineData("ml", 180, "ml", 330, 1.8333333333333333333333333333)]
    public void Sizes_in_litres_and_millilitres_or_kilograms_and_grams_compare_in_the_smaller_unit(string unit, double content, string other, double otherContent, double expected) =>
        Assert.Equal((decimal)expected, SubstituteFinder.SizeRatio(unit, (decimal)content, other, (decimal)otherContent)!.Value, 10);

    [Theory]
    [InlineData("g", 500, "ml", 500)]
    [InlineData("pcs", 6, "g", 6)]
    [InlineData("ml", 500, null, 0)]
    [InlineData("ml", 500, "ml", 0)]
    public void Sizes_that_measure_different_things_or_are_missing_do_not_compare(string unit, double content, string? other, double otherContent) =>
        Assert.Null(SubstituteFinder.SizeRatio(unit, (decimal)content, other, (decimal)otherContent));
}
