using Grocery.Messaging.Storage;
using Grocery.Notifications.Domain;

namespace Grocery.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public const string Schema = "notifications";

    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> Preferences => Set<NotificationPreference>();
    public DbSet<OrderRecipient> Orders => Set<OrderRecipient>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationsDbContext).Assembly);
        modelBuilder.AddMessagingTables();
    }
}
