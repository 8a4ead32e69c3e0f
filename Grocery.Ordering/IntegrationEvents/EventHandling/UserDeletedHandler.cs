using Grocery.Contracts.Identity;
using Grocery.Messaging;
using Grocery.Ordering.Basket;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

/// <summary>Erases the deleted account's basket (Redis delete is idempotent, so redelivery is harmless).</summary>
public sealed class UserDeletedHandler(BasketStore baskets) : IIntegrationEventHandler<UserDeletedIntegrationEvent>
{
    public Task HandleAsync(UserDeletedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        baskets.DeleteAsync(BasketOwner.ForUser(@event.UserId.ToString()));
}
