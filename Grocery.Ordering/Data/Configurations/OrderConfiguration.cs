using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Ordering.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public const string SlotHoldIndex = "ux_orders_slot_hold";

    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.UserId).HasMaxLength(OrderingLimits.UserIdMaxLength);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(OrderingLimits.IdempotencyKeyMaxLength);
        builder.Property(o => o.RequestHash).HasMaxLength(OrderingLimits.RequestHashLength);
        builder.Property(o => o.Postcode).HasMaxLength(OrderingLimits.PostcodeMaxLength);
        builder.Property(o => o.District).HasMaxLength(OrderingLimits.DistrictMaxLength);
        builder.Property(o => o.PaymentReference).HasMaxLength(OrderingLimits.PaymentReferenceMaxLength);
        builder.Property(o => o.CancellationMessage).HasMaxLength(OrderingLimits.CancellationMessageMaxLength);
        builder.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(OrderingLimits.StatusMaxLength);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(OrderingLimits.StatusMaxLength);
        builder.Property(o => o.Stock).HasConversion<string>().HasMaxLength(OrderingLimits.StepStatusMaxLength);
        builder.Property(o => o.Slot).HasConversion<string>().HasMaxLength(OrderingLimits.StepStatusMaxLength);
        builder.Property(o => o.Payment).HasConversion<string>().HasMaxLength(OrderingLimits.StepStatusMaxLength);
        builder.Property(o => o.CancellationReason).HasConversion<string>().HasMaxLength(OrderingLimits.StatusMaxLength);
        foreach (var money in new[] { nameof(Order.Subtotal), nameof(Order.DeliveryFee), nameof(Order.EstimatedTotal) })
            builder.Property(money).HasPrecision(OrderingLimits.MoneyPrecision, 0);
        builder.Ignore(o => o.IsInProgress);
        builder.Ignore(o => o.IsReadyForPayment);
        builder.Ignore(o => o.CanBeCancelledByShopper);

        // Concurrent replies for one order (stock and slot arrive on different topics) are serialised by xmin.
        builder.Property<uint>("Version").IsRowVersion();

        // Idempotent checkout: the database, not a prior read, decides which of concurrent duplicates wins.
        builder.HasIndex(o => new { o.UserId, o.IdempotencyKey }).IsUnique();
        // One hold, one order: of concurrent checkouts on the same hold under different keys only one commits.
        builder.HasIndex(o => o.SlotHoldId).IsUnique().HasDatabaseName(SlotHoldIndex);
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
