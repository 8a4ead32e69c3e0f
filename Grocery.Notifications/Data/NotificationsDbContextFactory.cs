namespace Grocery.Notifications.Data;

internal sealed class NotificationsDbContextFactory() : DesignTimeDbContextFactory<NotificationsDbContext>(ResourceNames.NotificationsDb);
