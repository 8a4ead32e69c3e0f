namespace Grocery.Ordering.Domain;

/// <summary>One entry of the shopper's timeline.</summary>
public sealed class OrderStatusChange
{
    public OrderStatus Status { get; init; }

    public DateTimeOffset At { get; init; }

    public string? Note { get; init; }
}
