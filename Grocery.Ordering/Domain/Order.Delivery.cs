namespace Grocery.Ordering.Domain;

public sealed partial class Order
{
    /// <summary>Statuses after which the order needs no address any more, so erasure may delete it.</summary>
    public static readonly OrderStatus[] FinishedStatuses = [OrderStatus.Delivered, OrderStatus.DeliveryFailed, OrderStatus.Cancelled];

    /// <summary>Sets <see cref="DropOffAddressId"/>: events carry this reference to the encrypted snapshot, never the address.</summary>
    public void DeliverTo(OrderAddress address)
    {
        if (address.OrderId != Id) throw new ArgumentException($"The address snapshot belongs to order {address.OrderId}, not {Id}.", nameof(address));
        if (DropOffAddressId is not null) throw new InvalidOperationException($"Order {Id} already has its drop-off address.");
        DropOffAddressId = address.Id;
    }
}
