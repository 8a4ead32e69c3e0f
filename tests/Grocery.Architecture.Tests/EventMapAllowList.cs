using Grocery.Contracts.Delivery;
using Grocery.Contracts.Identity;
using Grocery.Contracts.Ordering;

namespace Grocery.Architecture.Tests;

/// <summary>
/// Events allowed to lack a publisher or a consumer, each with why: consumed outside the system, or the
/// open issue that adds the missing side. <see cref="EventMapTests"/> fails on an entry no longer needed,
/// so the list only shrinks.
/// </summary>
public static class EventMapAllowList
{
    private const string Notifications = "issue 18 (shopper notifications): the notifier consumes the order, payment and shipment events";

    public static readonly IReadOnlyDictionary<Type, string> WithoutPublisher = new Dictionary<Type, string>
    {
    };

    public static readonly IReadOnlyDictionary<Type, string> WithoutConsumer = new Dictionary<Type, string>
    {
        [typeof(OrderPackedIntegrationEvent)] = Notifications + "; issue 16 (storefront live updates) shows it in the order's timeline",
        [typeof(PaymentAuthorizedIntegrationEvent)] = Notifications,
        [typeof(PaymentFailedIntegrationEvent)] = Notifications,
        [typeof(PaymentCapturedIntegrationEvent)] = Notifications,
        [typeof(PaymentRefundedIntegrationEvent)] = Notifications,
        [typeof(SlotAvailabilityChangedIntegrationEvent)] = "issue 16 (storefront live updates): the slot picker; issue 21 projects it to Firestore",
        [typeof(UserRegisteredIntegrationEvent)] =
            "no open issue consumes it: a new account needs nothing set up in another service (Ordering reads the profile from Identity when it needs it); kept as the account's public fact",
    };
}
