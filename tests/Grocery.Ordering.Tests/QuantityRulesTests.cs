namespace Grocery.Ordering.Tests;

public sealed class QuantityRulesTests
{
    [Theory]
    [InlineData(0.1, true, true)]
    [InlineData(1.5, true, true)]
    [InlineData(0.25, true, false)]
    [InlineData(0, true, false)]
    [InlineData(2, false, true)]
    [InlineData(1.5, false, false)]
    [InlineData(-1, false, false)]
    public void Weighed_goods_go_in_tenths_of_a_kilo_and_the_rest_in_whole_units(decimal quantity, bool soldByWeight, bool valid)
    {
        Assert.Equal(valid, QuantityRules.Validate(quantity, soldByWeight) is null);
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(0.4, 0)]
    [InlineData(1.5, 2)]
    [InlineData(2.5, 3)]
    [InlineData(-2.5, -3)]
    public void Money_rounds_half_away_from_zero(decimal amount, decimal expected)
    {
        Assert.Equal(expected, Money.Round(amount));
    }
}
