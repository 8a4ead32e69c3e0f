using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Ordering.Data.Configurations;

internal sealed class PaymentWebhookEventConfiguration : IEntityTypeConfiguration<PaymentWebhookEvent>
{
    public void Configure(EntityTypeBuilder<PaymentWebhookEvent> builder)
    {
        builder.ToTable("payment_webhook_events");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(OrderingLimits.PaymentReferenceMaxLength);
        builder.Property(e => e.Type).HasMaxLength(OrderingLimits.PaymentReferenceMaxLength);
    }
}
