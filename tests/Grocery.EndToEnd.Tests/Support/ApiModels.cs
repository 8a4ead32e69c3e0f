namespace Grocery.EndToEnd.Tests.Support;

// The parts of the services' responses these tests read; unknown fields are ignored.

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string RefreshToken);

public sealed record RegisteredUser(Guid Id, string Email);

public sealed record ProductSummary(Guid Id, string Sku, string Name, decimal Price, string SoldBy);

public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, string? NextCursor);

public sealed record WarehouseView(Guid Id, string Code);

public sealed record WarehouseStockView(Guid WarehouseId, decimal OnHand, decimal Reserved, decimal Available);

public sealed record SkuStockView(string Sku, IReadOnlyList<WarehouseStockView> Warehouses);

/// <summary>Status as Inventory writes it: pending, confirmed, consumed, released, expired.</summary>
public sealed record ReservationView(Guid OrderId, Guid WarehouseId, string Status);

public sealed record ZoneView(Guid Id, Guid WarehouseId);

public sealed record SlotView(Guid Id, Guid ZoneId, DateTimeOffset WindowStart, int Capacity, int Remaining, bool Closed, bool Available);

public sealed record SlotHoldView(Guid HoldId, Guid SlotId, DateTimeOffset ExpiresAt);

public sealed record BasketView(IReadOnlyList<BasketLineView> Lines, decimal Subtotal);

public sealed record BasketLineView(Guid ProductId, string Sku, decimal Quantity, bool Available);

public sealed record OrderView(
    Guid Id, string Status, IReadOnlyList<OrderItemView> Items, OrderStepsView Steps, OrderCancellationView? Cancellation, bool CanCancel);

public sealed record OrderItemView(Guid ProductId, string Sku, decimal Quantity);

public sealed record OrderStepsView(string Stock, string Slot, string Payment);

public sealed record OrderCancellationView(string Reason, string? Message);

/// <summary>A delivery slot's counters and one hold's state, read from Delivery's database (the API shows only what remains).</summary>
public sealed record SlotCounters(int Capacity, int Held, int Confirmed, bool Closed);

public static class OrderStatuses
{
    public const string Confirmed = "Confirmed";
    public const string Cancelled = "Cancelled";

    public static bool IsFinal(string status) => status is Confirmed or Cancelled;
}
