using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class StockReturnConfiguration : IEntityTypeConfiguration<StockReturn>
{
    public void Configure(EntityTypeBuilder<StockReturn> e)
    {
        e.ToTable("stock_returns", t =>
        {
            t.HasCheckConstraint("ck_stock_returns_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_stock_returns_status", "status IN ('pending', 'restocked', 'written_off')");
            t.HasCheckConstraint("ck_stock_returns_source", "source IN ('delivery_failed', 'refused')");
            t.HasCheckConstraint("ck_stock_returns_storage", "storage IN ('ambient', 'chilled', 'frozen')");
        });
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasColumnName("id");
        e.Property(r => r.WarehouseId).HasColumnName("warehouse_id");
        e.Property(r => r.OrderId).HasColumnName("order_id");
        e.Property(r => r.ShipmentId).HasColumnName("shipment_id");
        e.Property(r => r.Sku).HasColumnName("sku").HasMaxLength(InventoryLimits.SkuLength);
        e.Property(r => r.Quantity).HasColumnName("quantity").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(r => r.Storage).HasColumnName("storage").HasMaxLength(InventoryLimits.StorageLength);
        e.Property(r => r.Source).HasColumnName("source").HasMaxLength(InventoryLimits.ReturnSourceLength);
        e.Property(r => r.Note).HasColumnName("note").HasMaxLength(InventoryLimits.ReasonLength);
        e.Property(r => r.Status).HasColumnName("status").HasMaxLength(InventoryLimits.StatusLength);
        e.Property(r => r.CreatedAt).HasColumnName("created_at");
        e.Property(r => r.InspectedAt).HasColumnName("inspected_at");
        e.Property(r => r.InspectedBy).HasColumnName("inspected_by").HasMaxLength(InventoryLimits.ActorLength);
        e.Property(r => r.InspectionReason).HasColumnName("inspection_reason").HasMaxLength(InventoryLimits.ReasonLength);
        // A redelivered shipment event finds its returns already there.
        e.HasIndex(r => new { r.ShipmentId, r.Sku }).IsUnique().HasDatabaseName("ux_stock_returns_shipment_sku");
        // The store manager's list: what is pending in one warehouse, oldest first.
        e.HasIndex(r => new { r.WarehouseId, r.CreatedAt }).HasFilter("status = 'pending'").HasDatabaseName("ix_stock_returns_pending");
    }
}
