using Grocery.Notifications.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Notifications.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.Email).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Language).HasMaxLength(NotificationsLimits.LanguageLength);
        builder.Property(n => n.Title).HasMaxLength(NotificationsLimits.TitleLength);
        builder.Property(n => n.Body).HasMaxLength(NotificationsLimits.BodyLength);
        builder.Property(n => n.Link).HasMaxLength(NotificationsLimits.LinkLength);
        builder.Property(n => n.SourceMessageId).HasMaxLength(NotificationsLimits.MessageIdLength);
        builder.Ignore(n => n.IsRead);
        // One notification per event, whatever happens to the inbox.
        builder.HasIndex(n => n.SourceMessageId).IsUnique();
        // The shopper's list, newest first.
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}
