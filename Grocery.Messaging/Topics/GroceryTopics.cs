using Grocery.Contracts.Catalog;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Identity;
using Grocery.Contracts.Inventory;
using Grocery.Contracts.Ordering;

namespace Grocery.Messaging.Topics;

/// <summary>The platform's topics, declared once: one per publishing service, keyed by aggregate id.</summary>
public static class GroceryTopics
{
    public const string Catalog = "catalog.events";
    public const string Inventory = "inventory.events";
    public const string Delivery = "delivery.events";
    public const string Ordering = "ordering.events";
    public const string Identity = "identity.events";

    public static TopicRegistry Registry { get; } = new TopicRegistry()
        .Topic(Catalog, partitions: 6, t => t
            .Event<ProductCreatedIntegrationEvent>("productId")
            .Event<ProductChangedIntegrationEvent>("productId")
            .Event<ProductPriceChangedIntegrationEvent>("productId")
            .Event<ProductDeactivatedIntegrationEvent>("productId"))
        .Topic(Inventory, partitions: 12, t => t
            .Event<StockReservedIntegrationEvent>("orderId")
            .Event<StockReservationFailedIntegrationEvent>("orderId")
            .Event<StockShortfallIntegrationEvent>("orderId")
            .Event<StockLevelChangedIntegrationEvent>("sku"))
        .Topic(Delivery, partitions: 12, t => t
            .Event<SlotConfirmedIntegrationEvent>("orderId")
            .Event<SlotUnavailableIntegrationEvent>("orderId")
            .Event<SlotAvailabilityChangedIntegrationEvent>("slotId")
            .Event<ShipmentBookedIntegrationEvent>("orderId")
            .Event<ShipmentDispatchedIntegrationEvent>("orderId")
            .Event<ShipmentDeliveredIntegrationEvent>("orderId")
            .Event<ShipmentFailedIntegrationEvent>("orderId"))
        .Topic(Ordering, partitions: 12, t => t
            .Event<OrderPlacedIntegrationEvent>("orderId")
            .Event<PaymentAuthorizedIntegrationEvent>("orderId")
            .Event<PaymentFailedIntegrationEvent>("orderId")
            .Event<PaymentCapturedIntegrationEvent>("orderId")
            .Event<PaymentRefundedIntegrationEvent>("orderId")
            .Event<OrderConfirmedIntegrationEvent>("orderId")
            .Event<OrderCancelledIntegrationEvent>("orderId")
            .Event<OrderPickedIntegrationEvent>("orderId")
            .Event<OrderPackedIntegrationEvent>("orderId")
            .Event<OrderReadyForDispatchIntegrationEvent>("orderId"))
        .Topic(Identity, partitions: 6, t => t
            .Event<UserRegisteredIntegrationEvent>("userId")
            .Event<UserDeletedIntegrationEvent>("userId"));
}
