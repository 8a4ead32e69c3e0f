using Grocery.Contracts.Identity;
using Grocery.Messaging;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

/// <summary>Erasure: the account's notifications, switches and order map go with it.</summary>
internal sealed class UserDeletedHandler(NotificationsDbContext db) : IIntegrationEventHandler<UserDeletedIntegrationEvent>
{
    public async Task HandleAsync(UserDeletedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await db.Notifications.Where(n => n.UserId == e.UserId).ExecuteDeleteAsync(cancellationToken);
        await db.Preferences.Where(p => p.UserId == e.UserId).ExecuteDeleteAsync(cancellationToken);
        await db.Orders.Where(o => o.UserId == e.UserId).ExecuteDeleteAsync(cancellationToken);
    }
}
