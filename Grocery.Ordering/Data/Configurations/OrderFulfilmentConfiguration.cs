using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Ordering.Data.Configurations;

/// <summary>The columns of picking, packing and delivery (Order.Fulfilment.cs); applied after <see cref="OrderConfiguration"/>.</summary>
internal sealed class OrderFulfilmentConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.PickerId).HasMaxLength(OrderingLimits.UserIdMaxLength);
        builder.Property(o => o.CaptureReference).HasMaxLength(OrderingLimits.PaymentReferenceMaxLength);
        builder.Property(o => o.Carrier).HasMaxLength(OrderingLimits.CarrierMaxLength);
        builder.Property(o => o.TrackingNumber).HasMaxLength(OrderingLimits.TrackingNumberMaxLength);
        builder.Property(o => o.DeliveryFailureReason).HasMaxLength(OrderingLimits.CancellationMessageMaxLength);
        foreach (var money in new[]
                 {
                     nameof(Order.FinalSubtotal), nameof(Order.FinalTotal), nameof(Order.AmountToCollect), nameof(Order.CapturedAmount),
                     nameof(Order.CashCollected), nameof(Order.RefundedAmount),
                 })
            builder.Property(money).HasPrecision(OrderingLimits.MoneyPrecision, 0);
        builder.Ignore(o => o.IsAwaitingCapture);
        builder.OwnsMany(o => o.FinalVat, vat => vat.ToJson("final_vat"));
        builder.OwnsMany(o => o.Items, items => items.Property(i => i.PickState).HasConversion<string>());

        // The picking queue of a warehouse, and the sweeps over orders waiting for their next step.
        builder.HasIndex(o => new { o.WarehouseId, o.Status, o.SlotWindowStart });
        builder.HasIndex(o => new { o.Status, o.PackedAt }).HasFilter("\"Status\" = 'Packed'");
    }
}
