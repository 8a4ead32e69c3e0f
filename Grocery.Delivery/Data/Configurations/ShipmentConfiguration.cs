using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> builder)
    {
        builder.ToTable("shipments");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.OrderId).IsUnique();
        builder.HasIndex(s => new { s.Carrier, s.CarrierReference });
        // The drivers' list: one warehouse's shipments by window.
        builder.HasIndex(s => new { s.WarehouseId, s.WindowStart });
        builder.Property(s => s.UserId).HasMaxLength(DeliveryLimits.UserIdMaxLength);
        builder.Property(s => s.Carrier).HasMaxLength(DeliveryLimits.CarrierMaxLength);
        builder.Property(s => s.CarrierReference).HasMaxLength(DeliveryLimits.CarrierReferenceMaxLength);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(DeliveryLimits.StatusMaxLength);
        builder.Property(s => s.CarrierFee).HasPrecision(DeliveryLimits.MoneyPrecision, 0);
        builder.Property(s => s.AmountToCollect).HasPrecision(DeliveryLimits.MoneyPrecision, 0);
        builder.Property(s => s.CashCollected).HasPrecision(DeliveryLimits.MoneyPrecision, 0);
        builder.HasMany(s => s.Events).WithOne().HasForeignKey(e => e.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Events).AutoInclude();
    }
}
