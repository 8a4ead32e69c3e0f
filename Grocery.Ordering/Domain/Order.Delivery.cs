namespace Grocery.Ordering.Domain;

public sealed partial class Order
{
    /// <summary>
    /// The <see cref="OrderAddress"/> holding where the order goes; events carry this reference, never the address.
    /// Empty for orders placed before checkout took an address.
    /// </summary>
    public Guid DropOffAddressId { get; private set; }

    /// <summary>Statuses after which the order needs no address any more, so erasure may delete it.</summary>
    public static readonly OrderStatus[] FinishedStatuses = [OrderStatus.Delivered, OrderStatus.DeliveryFailed, OrderStatus.Cancelled];

    public void DeliverTo(OrderAddress address)
    {
        if (address.OrderId != Id) throw new ArgumentException($"The address snapshot belongs to order {address.OrderId}, not {Id}.", nameof(address));
        if (DropOffAddressId != Guid.Empty) throw new InvalidOperationException($"Order {Id} already has its drop-off address.");
        DropOffAddressId = address.Id;
    }
}
