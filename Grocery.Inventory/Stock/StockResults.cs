using System.Text.Json.Serialization;
using Grocery.Contracts;

namespace Grocery.Inventory.Stock;

public sealed record ReservationLineView(string Sku, decimal Quantity, decimal Reserved, decimal? Picked);

public sealed record ShortfallView(string Sku, decimal Requested, decimal Available);

public sealed record ReservationView(
    Guid OrderId,
    Guid WarehouseId,
    Guid? UserId,
    string Status,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ReservationLineView> Lines,
    IReadOnlyList<ShortfallView> Shortfalls)
{
    /// <summary>False when the call found the reservation as an earlier call left it (a repeat).</summary>
    [JsonIgnore]
    public bool Created { get; init; }

    [JsonIgnore]
    public bool IsActive => Status is "pending" or "confirmed";
}

public sealed record LevelChange(Guid WarehouseId, string Sku, decimal Available, StockState State);

public sealed record OrderShortfall(Guid OrderId, Guid WarehouseId, string Sku, decimal Requested, decimal Available);

public sealed record ReceivedLot(int Line, string Sku, Guid LotId);

/// <summary>What one stock function reported: the reservation it touched, thresholds crossed, reservations cut short.</summary>
public sealed record StockOutcome(
    ReservationView? Reservation,
    IReadOnlyList<LevelChange> Levels,
    IReadOnlyList<OrderShortfall> Shortfalls,
    IReadOnlyList<ReceivedLot> Lots,
    int Count)
{
    /// <summary>The word a function answered when it has several outcomes (e.g. 'reserved' or 'short').</summary>
    public string? Result { get; init; }

    /// <summary>What was available when a request was refused for want of stock.</summary>
    public decimal? Available { get; init; }

    /// <summary>Whether the order's consumption was recorded (returns).</summary>
    public bool Consumed { get; init; }
}

public enum SubstitutionResult
{
    Reserved,
    NotEnoughStock,
    ReservationInactive,
    UnknownOriginal,
}

public sealed record SubstitutionOutcome(SubstitutionResult Result, ReservationView Reservation, decimal Available);
