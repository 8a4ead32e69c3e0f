using Grocery.Contracts.Identity;
using Grocery.Messaging;
using Grocery.Ordering.Basket;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

/// <summary>
/// Erases the deleted account's basket and the drop-off addresses of its finished orders (both deletes
/// are idempotent, so redelivery is harmless). An order still on its way keeps its address until it ends.
/// </summary>
public sealed class UserDeletedHandler(BasketStore baskets, OrderingDbContext db) : IIntegrationEventHandler<UserDeletedIntegrationEvent>
{
    public async Task HandleAsync(UserDeletedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var userId = @event.UserId.ToString();
        await db.OrderAddresses
            .Where(a => db.Orders.Any(o => o.Id == a.OrderId && o.UserId == userId && Order.FinishedStatuses.Contains(o.Status)))
            .ExecuteDeleteAsync(cancellationToken);
        await baskets.DeleteAsync(BasketOwner.ForUser(userId));
    }
}
