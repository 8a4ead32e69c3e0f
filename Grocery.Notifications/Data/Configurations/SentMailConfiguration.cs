using Grocery.Notifications.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Notifications.Data.Configurations;

/// <summary>Written by <see cref="Email.SentMailLedger"/> with its own SQL, so its names are fixed here.</summary>
internal sealed class SentMailConfiguration : IEntityTypeConfiguration<SentMail>
{
    public void Configure(EntityTypeBuilder<SentMail> builder)
    {
        builder.ToTable("sent_mails");
        builder.HasKey(m => m.DeliveryKey);
        builder.Property(m => m.DeliveryKey).HasColumnName("delivery_key").HasMaxLength(NotificationsLimits.DeliveryKeyLength);
        builder.Property(m => m.SentAt).HasColumnName("sent_at");
    }
}
