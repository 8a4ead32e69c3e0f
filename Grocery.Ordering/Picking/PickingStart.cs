namespace Grocery.Ordering.Picking;

/// <summary>The start of picking: from here on the shopper can no longer cancel.</summary>
public static class PickingStart
{
    /// <summary>Starts picking a confirmed order; starting it again is a no-op that returns the order.</summary>
    public static async Task<PickingStartResult> StartPickingAsync(this OrderingDbContext db, Guid orderId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null) return new PickingStartResult(null);
        if (order.Status == OrderStatus.Picking) return new PickingStartResult(order);
        try
        {
            order.StartPicking(now);
            await db.SaveChangesAsync(cancellationToken);
            return new PickingStartResult(order);
        }
        catch (InvalidOrderTransitionException e)
        {
            return new PickingStartResult(order, "Picking cannot start", e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PickingStartResult(order, "The order changed", "The order changed meanwhile (for example it was cancelled); reload it.");
        }
    }
}

/// <summary>Order is null when there is no such order; a refusal says why picking cannot start.</summary>
public sealed record PickingStartResult(Order? Order, string? RefusalTitle = null, string? RefusalDetail = null);
