namespace Grocery.Ordering.Domain;

/// <summary>
/// The encrypted snapshot of an order's <see cref="DropOffAddress"/>, kept apart from the order so
/// erasure can delete it without touching the order's financial record.
/// </summary>
public sealed class OrderAddress
{
    private OrderAddress()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    /// <summary>The address as JSON, encrypted with Data Protection; the key ring is not in this database.</summary>
    public string ProtectedPayload { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static OrderAddress For(Order order, string protectedPayload, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrderId = order.Id,
        ProtectedPayload = protectedPayload,
        CreatedAt = now,
    };
}
