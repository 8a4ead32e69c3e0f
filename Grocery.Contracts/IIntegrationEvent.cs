namespace Grocery.Contracts;

/// <summary>
/// An event one service publishes for others. The partition key is the id of the aggregate the
/// event belongs to (orderId, productId, sku, slotId, userId): events with the same key are
/// delivered in the order they were published.
/// </summary>
public interface IIntegrationEvent
{
    string PartitionKey { get; }
}
