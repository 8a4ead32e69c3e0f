using Grocery.Contracts.Ordering;
using GraphQL.Types;

namespace Grocery.Gateway.GraphQL;

/// <summary>A page of the shopper's orders as Ordering lists them, newest first.</summary>
public sealed record OrderingOrderPage(IReadOnlyList<OrderingOrderSummary> Items, string? NextCursor);

public sealed record OrderingOrderSummary(Guid Id, string Status, DateTimeOffset PlacedAt, decimal EstimatedTotal, DateTimeOffset SlotWindowStart)
{
    public string Number => OrderNumber.Of(Id);
}

public sealed class OrderConnectionType : ObjectGraphType<OrderingOrderPage>
{
    public OrderConnectionType()
    {
        Name = "OrderConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderSummaryType>>>>("nodes").Resolve(context => context.Source.Items);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(context => new PageInfo(context.Source.NextCursor));
    }
}

public sealed class OrderSummaryType : ObjectGraphType<OrderingOrderSummary>
{
    public OrderSummaryType()
    {
        Name = "OrderSummary";
        Field(o => o.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(o => o.Number).Description("The order number shown to the shopper.");
        Field(o => o.Status).Description("Placed, AwaitingPayment, Confirmed, Picking, Packed, ReadyForDispatch, OutForDelivery, Delivered, DeliveryFailed or Cancelled.");
        Field(o => o.PlacedAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(o => o.EstimatedTotal).Description("The total at checkout, in đồng; weighed goods are settled at packing.");
        Field(o => o.SlotWindowStart, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
    }
}

/// <summary>One of the shopper's orders as Ordering's <c>GET /api/v1/orders/{id}</c> gives it; <see cref="PaymentSession"/> only in a checkout's answer.</summary>
public sealed record OrderingOrder(
    Guid Id,
    string Status,
    DateTimeOffset PlacedAt,
    string PaymentMethod,
    IReadOnlyList<OrderingOrderItem> Items,
    decimal Subtotal,
    IReadOnlyList<OrderingVat> Vat,
    decimal DeliveryFee,
    decimal EstimatedTotal,
    bool IsEstimate,
    OrderingOrderSlot Slot,
    OrderingOrderCancellation? Cancellation,
    bool CanCancel,
    IReadOnlyList<OrderingTimelineEntry> Timeline,
    IReadOnlyList<OrderingLineChange> Changes,
    OrderingReceipt? Receipt,
    OrderingPaymentSession? PaymentSession = null)
{
    public string Number => OrderNumber.Of(Id);
}

public sealed record OrderingOrderItem(
    Guid ProductId, string Sku, string Name, decimal Quantity, string Unit, decimal UnitPrice, decimal LineTotal,
    bool IsEstimate, int VatRate, string Substitution, string? SubstituteSku, string? Note);

public sealed record OrderingOrderSlot(Guid SlotId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);

public sealed record OrderingOrderCancellation(string Reason, string? Message);

public sealed record OrderingTimelineEntry(string Status, DateTimeOffset At, string? Note);

public sealed record OrderingLineChange(
    string Sku, string Name, string Change, decimal OrderedQuantity, decimal DeliveredQuantity, string? SubstituteSku, string? SubstituteName, string? Reason);

public sealed record OrderingReceipt(
    IReadOnlyList<OrderingReceiptLine> Lines, decimal Subtotal, IReadOnlyList<OrderingVat> Vat, decimal DeliveryFee, decimal Total,
    string PaymentMethod, decimal Paid, decimal ToCollect, decimal Refunded);

public sealed record OrderingReceiptLine(
    string Sku, string Name, string Unit, decimal OrderedQuantity, decimal DeliveredQuantity, decimal? WeightKg, string? SubstituteSku,
    string? SubstituteName, decimal UnitPrice, decimal LineTotal, int VatRate, string State, decimal? RefusedQuantity);

/// <summary>What the browser hands Stripe Elements; the client secret never goes into a log.</summary>
public sealed record OrderingPaymentSession(string Provider, string ClientSecret, string PublishableKey)
{
    public override string ToString() => $"OrderingPaymentSession {{ {Provider} }}";
}

public sealed class OrderType : ObjectGraphType<OrderingOrder>
{
    public OrderType()
    {
        Name = "Order";
        Description = "One of the shopper's orders: what was ordered, what changed at picking, the final amounts once packed, the slot and the status timeline.";
        Field(o => o.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(o => o.Number).Description("The order number shown to the shopper.");
        Field(o => o.Status).Description("Placed, AwaitingPayment, Confirmed, Picking, Packed, ReadyForDispatch, OutForDelivery, Delivered, DeliveryFailed or Cancelled.");
        Field(o => o.PlacedAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(o => o.PaymentMethod).Description("CashOnDelivery or Card.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineType>>>>("lines").Description("The lines as ordered.").Resolve(context => context.Source.Items);
        Field(o => o.Subtotal);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VatLineType>>>>("vat").Resolve(context => context.Source.Vat);
        Field(o => o.DeliveryFee);
        Field(o => o.EstimatedTotal).Description("The total at checkout, in đồng; weighed goods are settled at packing (see receipt).");
        Field(o => o.IsEstimate);
        Field<NonNullGraphType<OrderSlotType>>("slot").Resolve(context => context.Source.Slot);
        Field<OrderCancellationType>("cancellation").Resolve(context => context.Source.Cancellation);
        Field(o => o.CanCancel).Description("True until picking starts.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderTimelineEntryType>>>>("timeline").Description("Every status the order passed, oldest first.")
            .Resolve(context => context.Source.Timeline);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineChangeType>>>>("substitutions")
            .Description("Lines that did not arrive as ordered: substituted, removed, short or fewer.")
            .Resolve(context => context.Source.Changes);
        Field<ReceiptType>("receipt").Description("The final amounts once packed; null before.").Resolve(context => context.Source.Receipt);
        Field<ShipmentType>("delivery")
            .Description("Delivery's tracking of the order once a shipment exists (carrier, tracking number, events); null before. One call to Delivery.")
            .ResolveAsync(async context => await context.RequestServices!.GetRequiredService<DeliveryClient>().ShipmentAsync(context.Source.Id, context.CancellationToken));
    }
}

public sealed class OrderLineType : ObjectGraphType<OrderingOrderItem>
{
    public OrderLineType()
    {
        Name = "OrderLine";
        Field(l => l.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(l => l.Sku);
        Field(l => l.Name);
        Field(l => l.Quantity);
        Field(l => l.Unit);
        Field(l => l.UnitPrice);
        Field(l => l.LineTotal);
        Field(l => l.IsEstimate);
        Field(l => l.VatRate);
        Field(l => l.Substitution).Description("None, AnySimilar or NamedSku, as chosen at checkout.");
        Field(l => l.SubstituteSku, nullable: true);
        Field(l => l.Note, nullable: true);
        Field<ProductType>("product")
            .Description("The product as Catalog shows it now (null when no longer sold); one Catalog call for the whole order.")
            .Resolve(context => context.RequestServices!.GetRequiredService<StorefrontLoaders>().Products.Load(context.Source.ProductId));
    }
}

public sealed class OrderSlotType : ObjectGraphType<OrderingOrderSlot>
{
    public OrderSlotType()
    {
        Name = "OrderSlot";
        Field(s => s.SlotId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(s => s.WindowStart);
        Field(s => s.WindowEnd);
    }
}

public sealed class OrderCancellationType : ObjectGraphType<OrderingOrderCancellation>
{
    public OrderCancellationType()
    {
        Name = "OrderCancellation";
        Field(c => c.Reason);
        Field(c => c.Message, nullable: true);
    }
}

public sealed class OrderTimelineEntryType : ObjectGraphType<OrderingTimelineEntry>
{
    public OrderTimelineEntryType()
    {
        Name = "OrderTimelineEntry";
        Field(e => e.Status);
        Field(e => e.At);
        Field(e => e.Note, nullable: true);
    }
}

public sealed class OrderLineChangeType : ObjectGraphType<OrderingLineChange>
{
    public OrderLineChangeType()
    {
        Name = "OrderLineChange";
        Field(c => c.Sku);
        Field(c => c.Name);
        Field(c => c.Change).Description("Substituted, Removed, Short or Reduced.");
        Field(c => c.OrderedQuantity);
        Field(c => c.DeliveredQuantity);
        Field(c => c.SubstituteSku, nullable: true);
        Field(c => c.SubstituteName, nullable: true);
        Field(c => c.Reason, nullable: true);
    }
}

public sealed class ReceiptType : ObjectGraphType<OrderingReceipt>
{
    public ReceiptType()
    {
        Name = "Receipt";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReceiptLineType>>>>("lines").Resolve(context => context.Source.Lines);
        Field(r => r.Subtotal);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VatLineType>>>>("vat").Resolve(context => context.Source.Vat);
        Field(r => r.DeliveryFee);
        Field(r => r.Total).Description("The final amount for what was delivered.");
        Field(r => r.PaymentMethod);
        Field(r => r.Paid);
        Field(r => r.ToCollect).Description("Cash the driver still collects.");
        Field(r => r.Refunded);
    }
}

public sealed class ReceiptLineType : ObjectGraphType<OrderingReceiptLine>
{
    public ReceiptLineType()
    {
        Name = "ReceiptLine";
        Field(l => l.Sku);
        Field(l => l.Name);
        Field(l => l.Unit);
        Field(l => l.OrderedQuantity);
        Field(l => l.DeliveredQuantity);
        Field(l => l.WeightKg, nullable: true);
        Field(l => l.SubstituteSku, nullable: true);
        Field(l => l.SubstituteName, nullable: true);
        Field(l => l.UnitPrice);
        Field(l => l.LineTotal);
        Field(l => l.VatRate);
        Field(l => l.State).Description("Pending, Picked, Short, Substituted or Removed.");
        Field(l => l.RefusedQuantity, nullable: true);
    }
}
