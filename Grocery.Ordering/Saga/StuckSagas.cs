using Grocery.Ordering.Apis;

namespace Grocery.Ordering.Saga;

/// <summary>
/// Sagas whose next step is late, for ops. Each step has its own clock: the checkout deadline, the slot
/// (picking must start by its window and be packed by its end), the capture after packing, the
/// carrier's booking after ready-for-dispatch and the delivery after the window.
/// </summary>
public static class StuckSagas
{
    public static async Task<List<StuckOrderResponse>> ListAsync(OrderingDbContext db, DateTimeOffset now, OrderingOptions options, int limit,
        CancellationToken cancellationToken)
    {
        var packedBefore = now - options.PackedStuckAfter;
        var readyBefore = now - options.BookingStuckAfter;
        var deliveryBefore = now - options.DeliveryStuckAfter;
        var late = await db.Orders.AsNoTracking()
            .Where(o => (o.Deadline < now && (o.Status == OrderStatus.Placed || o.Status == OrderStatus.AwaitingPayment))
                || (o.Status == OrderStatus.Confirmed && o.SlotWindowStart < now)
                || (o.Status == OrderStatus.Picking && o.SlotWindowEnd < now)
                || (o.Status == OrderStatus.Packed && o.PackedAt < packedBefore)
                || (o.Status == OrderStatus.ReadyForDispatch && o.BookedAt == null && o.ReadyForDispatchAt < readyBefore)
                || ((o.Status == OrderStatus.ReadyForDispatch || o.Status == OrderStatus.OutForDelivery) && o.SlotWindowEnd < deliveryBefore))
            .OrderBy(o => o.PlacedAt).Take(limit)
            .Select(o => new
            {
                o.Id, o.UserId, o.Status, o.Stock, o.Slot, o.Payment, o.PlacedAt, o.Deadline, o.SlotWindowStart, o.SlotWindowEnd,
                o.PackedAt, o.ReadyForDispatchAt, o.BookedAt,
            })
            .ToListAsync(cancellationToken);
        return late.Select(o =>
        {
            var (step, since) = o.Status switch
            {
                OrderStatus.Placed or OrderStatus.AwaitingPayment =>
                    (o.Stock == StepStatus.Pending ? "stock" : o.Slot == StepStatus.Pending ? "slot" : "payment", o.Deadline!.Value),
                OrderStatus.Confirmed => ("picking", o.SlotWindowStart),
                OrderStatus.Picking => ("packing", o.SlotWindowEnd),
                OrderStatus.Packed => ("capture", o.PackedAt!.Value),
                OrderStatus.ReadyForDispatch when o.BookedAt is null && o.ReadyForDispatchAt < readyBefore => ("booking", o.ReadyForDispatchAt!.Value),
                _ => ("delivery", o.SlotWindowEnd),
            };
            return new StuckOrderResponse(o.Id, o.UserId, o.Status, o.Stock, o.Slot, o.Payment, o.PlacedAt, o.Deadline, step, now - since);
        }).OrderByDescending(o => o.Age).ToList();
    }
}
