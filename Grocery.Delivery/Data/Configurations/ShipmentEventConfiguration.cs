using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class ShipmentEventConfiguration : IEntityTypeConfiguration<ShipmentEvent>
{
    public void Configure(EntityTypeBuilder<ShipmentEvent> builder)
    {
        builder.ToTable("shipment_events");
        builder.HasKey(e => e.Id);
        // Timeline entries are added through Shipment.Events; a preset key must still mean "new row".
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(DeliveryLimits.StatusMaxLength);
        builder.Property(e => e.Description).HasMaxLength(DeliveryLimits.ShipmentEventDescriptionMaxLength);
        builder.Property(e => e.Source).HasMaxLength(DeliveryLimits.ShipmentEventSourceMaxLength);
    }
}
