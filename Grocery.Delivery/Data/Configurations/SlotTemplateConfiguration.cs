using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class SlotTemplateConfiguration : IEntityTypeConfiguration<SlotTemplate>
{
    public void Configure(EntityTypeBuilder<SlotTemplate> builder)
    {
        builder.ToTable("slot_templates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Fee).HasPrecision(DeliveryLimits.MoneyPrecision, 0);
        builder.HasIndex(t => new { t.ZoneId, t.DayOfWeek, t.StartTime }).IsUnique();
    }
}
