using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("idempotency_records");
        e.HasKey(r => new { r.Operation, r.Key });
        e.Property(r => r.Key).HasColumnName("key").HasMaxLength(InventoryLimits.IdempotencyKeyLength);
        e.Property(r => r.Operation).HasColumnName("operation").HasMaxLength(InventoryLimits.IdempotencyOperationLength);
        e.Property(r => r.StatusCode).HasColumnName("status_code");
        e.Property(r => r.Response).HasColumnName("response").HasColumnType("jsonb");
        e.Property(r => r.CreatedAt).HasColumnName("created_at");
    }
}
