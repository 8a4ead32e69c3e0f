using System.Security.Cryptography;
using System.Text;
using Grocery.Contracts.Ordering;

namespace Grocery.Ordering.Saga;

internal static class OrderEvents
{
    public static OrderPlacedIntegrationEvent Placed(Order order) => new(
        order.Id, UserGuid(order.UserId), order.WarehouseId, order.ZoneId, order.SlotId, order.SlotHoldId,
        order.SlotWindowStart, order.SlotWindowEnd, order.PaymentMethod.ToContract(),
        order.Items.Select(i => new OrderLine(i.ProductId, i.Sku, i.Quantity, i.SoldByWeight, i.UnitPrice, i.LineTotal, i.Substitution.ToContract(), i.SubstituteSku)).ToList(),
        order.EstimatedTotal, order.DeliveryFee, order.PlacedAt);

    public static OrderConfirmedIntegrationEvent Confirmed(Order order, DateTimeOffset now) =>
        new(order.Id, order.WarehouseId, order.SlotId, order.SlotWindowEnd, now);

    public static OrderCancelledIntegrationEvent Cancelled(Order order, DateTimeOffset now) =>
        new(order.Id, order.CancellationReason!.Value.ToContract(), order.CancellationMessage, now);

    public static PaymentAuthorizedIntegrationEvent PaymentAuthorized(Order order, decimal amount, DateTimeOffset now) =>
        new(order.Id, order.PaymentMethod.ToContract(), amount, order.PaymentReference, now);

    public static PaymentFailedIntegrationEvent PaymentFailed(Order order, string reason, DateTimeOffset now) =>
        new(order.Id, order.PaymentMethod.ToContract(), reason, now);

    /// <summary>Identity issues GUID subjects; any other subject maps to a stable name-based GUID.</summary>
    public static Guid UserGuid(string userId) =>
        Guid.TryParse(userId, out var id) ? id : new Guid(MD5.HashData(Encoding.UTF8.GetBytes(userId)));
}
