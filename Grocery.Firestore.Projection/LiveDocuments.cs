using Google.Cloud.Firestore.V1;
using Grocery.Contracts;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;

namespace Grocery.Firestore.Projection;

/// <summary>The documents clients listen to: <c>stock/{warehouse}_{sku}</c> and <c>slots/{zone}_{slotId}</c>.</summary>
public static class LiveDocuments
{
    public const string StockCollection = "stock";
    public const string SlotsCollection = "slots";

    public static string StockId(Guid warehouseId, string sku) => $"{warehouseId}_{Escape(sku)}";

    public static string SlotId(Guid zoneId, Guid slotId) => $"{zoneId}_{slotId}";

    public static LiveDocumentChange Stock(StockLevelChangedIntegrationEvent e, long version) =>
        new(StockCollection, StockId(e.WarehouseId, e.Sku), new MapValue
        {
            Fields =
            {
                ["warehouseId"] = FirestoreValues.Of(e.WarehouseId.ToString()),
                ["sku"] = FirestoreValues.Of(e.Sku),
                // Firestore has no decimal; stock is counted in units or kilograms, well within a double's precision.
                ["available"] = FirestoreValues.Of((double)e.Available),
                ["state"] = FirestoreValues.Of(StateName(e.State)),
                ["version"] = FirestoreValues.Of(version),
                ["changedAt"] = FirestoreValues.Of(e.ChangedAt),
            },
        }, version);

    public static LiveDocumentChange Slot(SlotAvailabilityChangedIntegrationEvent e, long version) =>
        new(SlotsCollection, SlotId(e.ZoneId, e.SlotId), new MapValue
        {
            Fields =
            {
                ["zoneId"] = FirestoreValues.Of(e.ZoneId.ToString()),
                ["slotId"] = FirestoreValues.Of(e.SlotId.ToString()),
                ["windowStart"] = FirestoreValues.Of(e.WindowStart),
                ["windowEnd"] = FirestoreValues.Of(e.WindowEnd),
                ["capacity"] = FirestoreValues.Of(e.Capacity),
                ["held"] = FirestoreValues.Of(e.Held),
                ["confirmed"] = FirestoreValues.Of(e.Confirmed),
                ["remaining"] = FirestoreValues.Of(e.Remaining),
                ["open"] = FirestoreValues.Of(e.Open),
                ["version"] = FirestoreValues.Of(version),
            },
        }, version);

    public static string StateName(StockState state) => state switch
    {
        StockState.In => "in",
        StockState.Low => "low",
        StockState.Out => "out",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    // A document id cannot contain '/'; SKUs normally do not, and an escaped one stays unique.
    private static string Escape(string sku) => sku.Replace("%", "%25").Replace("/", "%2F");
}
