using Grocery.Delivery.Apis;

namespace Grocery.Delivery.SampleData;

/// <summary>
/// The sample store's zones: central and southern districts of Ho Chi Minh City with their five-digit
/// postcodes (VNPost, 2018 scheme). Mornings and early afternoons are off-peak; the after-work
/// windows are peak, cost more and close earlier.
/// </summary>
public static class SampleZones
{
    public static IReadOnlyList<CreateZoneRequest> All(Guid warehouseId) =>
    [
        new("Trung tâm (Quận 1, 3, Phú Nhuận, Bình Thạnh)", warehouseId, "Asia/Ho_Chi_Minh",
            MinimumBasketValue: 100_000, StandardFee: 15_000, PeakFee: 25_000, FreeDeliveryThreshold: 500_000, Carrier: null,
            Postcodes: ["71000", "72400", "72200", "72300"],
            Districts: ["Quận 1", "Quận 3", "Phú Nhuận", "Bình Thạnh"],
            Templates: Week()),
        new("Nam Sài Gòn (Quận 4, 7, 10)", warehouseId, "Asia/Ho_Chi_Minh",
            MinimumBasketValue: 150_000, StandardFee: 20_000, PeakFee: 32_000, FreeDeliveryThreshold: 700_000, Carrier: null,
            Postcodes: ["72800", "72900", "72500"],
            Districts: ["Quận 4", "Quận 7", "Quận 10"],
            Templates: Week()),
    ];

    private static IReadOnlyList<SlotTemplateRequest> Week() =>
    [
        .. Enum.GetValues<DayOfWeek>().SelectMany(day => new SlotTemplateRequest[]
        {
            new(day, new TimeOnly(8, 0), new TimeOnly(10, 0), Capacity: 30, IsPeak: false, Fee: null, CutoffMinutes: 120),
            new(day, new TimeOnly(10, 0), new TimeOnly(12, 0), Capacity: 30, IsPeak: false, Fee: null, CutoffMinutes: 120),
            new(day, new TimeOnly(14, 0), new TimeOnly(16, 0), Capacity: 25, IsPeak: false, Fee: null, CutoffMinutes: 120),
            new(day, new TimeOnly(17, 0), new TimeOnly(19, 0), Capacity: 20, IsPeak: true, Fee: null, CutoffMinutes: 180),
            new(day, new TimeOnly(19, 0), new TimeOnly(21, 0), Capacity: 20, IsPeak: true, Fee: null, CutoffMinutes: 180),
        }),
    ];
}
