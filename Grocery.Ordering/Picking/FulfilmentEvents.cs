using Grocery.Contracts.Ordering;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.Picking;

internal static class FulfilmentEvents
{
    /// <summary>Inventory consumes what was picked (the substitute when there is one) and releases the rest of the reservation.</summary>
    public static OrderPickedIntegrationEvent Picked(Order order, DateTimeOffset now) => new(
        order.Id, order.WarehouseId,
        order.Items.Select(i => new PickedLine(i.Sku, i.Quantity, i.DeliveredQuantity, i.WeightKg, i.PickedSubstituteSku,
            i.FinalLineTotal ?? 0m, i.Storage ?? "ambient")).ToList(),
        now);

    public static OrderPackedIntegrationEvent Packed(Order order) =>
        new(order.Id, order.WarehouseId, order.FinalTotal!.Value, order.PackageCount!.Value, order.PackedAt!.Value);

    /// <summary>The address travels by reference only; Delivery fetches the drop-off from Ordering.</summary>
    public static OrderReadyForDispatchIntegrationEvent ReadyForDispatch(Order order) => new(
        order.Id, order.WarehouseId, order.ZoneId, order.SlotId, order.SlotWindowStart, order.SlotWindowEnd,
        order.PaymentMethod.ToContract(), order.AmountToCollect ?? 0m, order.PackageCount ?? 1, order.DropOffAddressId ?? Guid.Empty);

    public static PaymentCapturedIntegrationEvent Captured(Order order, DateTimeOffset now) =>
        new(order.Id, order.CapturedAmount!.Value, order.CaptureReference, now);

    public static PaymentRefundedIntegrationEvent Refunded(Order order, decimal amount, string reason, DateTimeOffset now) =>
        new(order.Id, amount, reason, now);
}
