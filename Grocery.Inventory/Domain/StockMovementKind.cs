namespace Grocery.Inventory.Domain;

/// <summary>Ledger movement kinds, stored as snake_case text.</summary>
public static class StockMovementKind
{
    public const string Received = "received";
    public const string Reserved = "reserved";
    public const string Released = "released";
    public const string Picked = "picked";
    public const string Adjusted = "adjusted";
    public const string WrittenOff = "written_off";
    public const string Expired = "expired";
    /// <summary>Goods of a consumed order back from the door (restocked, or immediately written off).</summary>
    public const string Returned = "returned";

    public static readonly string[] All = [Received, Reserved, Released, Picked, Adjusted, WrittenOff, Expired, Returned];
}
