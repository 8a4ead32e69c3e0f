using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Ordering.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.UserId).HasMaxLength(128);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(128);
        builder.Property(o => o.RequestHash).HasMaxLength(64);
        builder.Property(o => o.Postcode).HasMaxLength(16);
        builder.Property(o => o.District).HasMaxLength(128);
        builder.Property(o => o.PaymentReference).HasMaxLength(128);
        builder.Property(o => o.CancellationMessage).HasMaxLength(1000);
        builder.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Stock).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Slot).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Payment).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.CancellationReason).HasConversion<string>().HasMaxLength(32);
        foreach (var money in new[] { nameof(Order.Subtotal), nameof(Order.DeliveryFee), nameof(Order.EstimatedTotal) })
            builder.Property(money).HasPrecision(18, 0);
        builder.Ignore(o => o.IsInProgress);
        builder.Ignore(o => o.IsReadyForPayment);
        builder.Ignore(o => o.CanBeCancelledByShopper);

        // Concurrent replies for one order (stock and slot arrive on different topics) are serialised by xmin.
        builder.Property<uint>("Version").IsRowVersion();

        // Idempotent checkout: the database, not a prior read, decides which of concurrent duplicates wins.
        builder.HasIndex(o => new { o.UserId, o.IdempotencyKey }).IsUnique();
        builder.HasIndex(o => new { o.UserId, o.PlacedAt });
        builder.HasIndex(o => o.Deadline).HasFilter("\"Deadline\" IS NOT NULL");

        builder.OwnsMany(o => o.Items, items =>
        {
            items.ToJson("items");
            items.Property(i => i.Substitution).HasConversion<string>();
        });
        builder.OwnsMany(o => o.Vat, vat => vat.ToJson("vat"));
        builder.OwnsMany(o => o.History, history =>
        {
            history.ToJson("history");
            history.Property(h => h.Status).HasConversion<string>();
        });
    }
}
