using Grocery.Contracts.Ordering;

namespace Grocery.Ordering.Tests;

public sealed class OrderNumberTests
{
    [Fact]
    public void Orders_created_in_the_same_millisecond_get_different_numbers()
    {
        var now = DateTimeOffset.UtcNow;
        var numbers = Enumerable.Range(0, 100).Select(_ => OrderNumber.Of(Guid.CreateVersion7(now))).ToList();

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches("^[0-9A-F]{8}$", n));
    }
}
