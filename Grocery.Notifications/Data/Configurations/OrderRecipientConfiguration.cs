using Grocery.Notifications.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Notifications.Data.Configurations;

internal sealed class OrderRecipientConfiguration : IEntityTypeConfiguration<OrderRecipient>
{
    public void Configure(EntityTypeBuilder<OrderRecipient> builder)
    {
        builder.ToTable("order_recipients");
        builder.HasKey(o => o.OrderId);
        builder.Property(o => o.OrderId).ValueGeneratedNever();
        builder.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Carrier).HasMaxLength(NotificationsLimits.CarrierLength);
        builder.Property(o => o.TrackingNumber).HasMaxLength(NotificationsLimits.TrackingNumberLength);
        builder.Property(o => o.OrderedLines).AsJson();
        builder.Property(o => o.PickedLines).AsJson();
        builder.Ignore(o => o.Number);
        builder.Ignore(o => o.Goods);
        builder.Ignore(o => o.Total);
        // Erasure of a deleted account finds its orders.
        builder.HasIndex(o => o.UserId);
    }
}
