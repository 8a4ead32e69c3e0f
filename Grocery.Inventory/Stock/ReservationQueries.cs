using System.Text.Json;

namespace Grocery.Inventory.Stock;

public static class ReservationQueries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ReservationView?> FindAsync(InventoryDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        var r = await db.Reservations.AsNoTracking().Include(x => x.Lines).SingleOrDefaultAsync(x => x.OrderId == orderId, cancellationToken);
        if (r is null) return null;
        return new ReservationView(r.OrderId, r.WarehouseId, r.UserId, r.Status, r.ExpiresAt, r.CreatedAt,
            [.. r.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => new ReservationLineView(l.Sku, l.Quantity, l.Reserved, l.Picked))],
            r.Shortfalls is null ? [] : JsonSerializer.Deserialize<List<ShortfallView>>(r.Shortfalls, Json) ?? []);
    }
}
