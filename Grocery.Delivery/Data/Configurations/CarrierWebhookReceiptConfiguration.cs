using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class CarrierWebhookReceiptConfiguration : IEntityTypeConfiguration<CarrierWebhookReceipt>
{
    public void Configure(EntityTypeBuilder<CarrierWebhookReceipt> builder)
    {
        builder.ToTable("carrier_webhook_receipts");
        builder.HasKey(r => new { r.Carrier, r.EventKey });
        builder.Property(r => r.Carrier).HasMaxLength(DeliveryLimits.CarrierMaxLength);
        builder.Property(r => r.EventKey).HasMaxLength(DeliveryLimits.WebhookEventKeyMaxLength);
    }
}
