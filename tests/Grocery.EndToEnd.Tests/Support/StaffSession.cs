using System.Net;
using System.Net.Http.Json;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>A store manager setting up what shoppers buy from: a warehouse with stock, a delivery zone and its slots.</summary>
public sealed class StaffSession(GroceryAppFixture system, UserSession admin, Guid userId, string email, string password, TokenResponse tokens)
    : UserSession(system, userId, email, password, tokens)
{
    public const string TimeZone = "Asia/Ho_Chi_Minh";

    /// <summary>Warehouses are created by admins; everything after that is store-manager work.</summary>
    public async Task<WarehouseView> CreateWarehouseAsync(CancellationToken ct)
    {
        var code = $"E2E{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var inventory = await admin.ClientAsync(ResourceNames.Inventory, ct);
        var response = await (await inventory.PostAsJsonAsync("/api/v1/warehouses",
            new { code, name = $"E2E warehouse {code}", timeZone = TimeZone, lowStockThreshold = 0 }, ApiJson.Options, ct))
            .ExpectAsync(HttpStatusCode.Created);
        return await response.ReadAsync<WarehouseView>(ct);
    }

    public async Task ReceiveAsync(Guid warehouseId, IReadOnlyDictionary<string, decimal> quantities, CancellationToken ct)
    {
        var inventory = await ClientAsync(ResourceNames.Inventory, ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stock/receipts")
        {
            Content = JsonContent.Create(new
            {
                warehouseId,
                reference = "e2e",
                lines = quantities.Select(q => new { sku = q.Key, quantity = q.Value }).ToList(),
            }, options: ApiJson.Options),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await (await inventory.SendAsync(request, ct)).ExpectAsync(HttpStatusCode.OK, HttpStatusCode.Created);
    }

    /// <summary>A zone of its own postcode, served by the warehouse, with one window a day of the given capacity.</summary>
    public async Task<(ZoneView Zone, string Postcode)> CreateZoneAsync(Guid warehouseId, int capacity, CancellationToken ct, string? carrier = null)
    {
        var postcode = $"E2E-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var delivery = await ClientAsync(ResourceNames.Delivery, ct);
        // Delivery reads DayOfWeek as a number and TimeOnly as "HH:mm:ss".
        var templates = Enumerable.Range(0, 7).Select(day => new
        {
            dayOfWeek = day, startTime = "18:00:00", endTime = "20:00:00", capacity, isPeak = false, fee = (decimal?)null, cutoffMinutes = 60,
        }).ToList();
        var response = await (await delivery.PostAsJsonAsync("/api/v1/zones", new
        {
            name = $"E2E zone {postcode}",
            warehouseId,
            timeZone = TimeZone,
            minimumBasketValue = 0m,
            standardFee = 15000m,
            peakFee = 25000m,
            freeDeliveryThreshold = (decimal?)null,
            carrier,
            postcodes = new[] { postcode },
            districts = Array.Empty<string>(),
            templates,
        }, ct)).ExpectAsync(HttpStatusCode.Created);
        return (await response.ReadAsync<ZoneView>(ct), postcode);
    }

    public async Task<IReadOnlyList<SlotView>> SlotsAsync(Guid zoneId, CancellationToken ct)
    {
        var delivery = await ClientAsync(ResourceNames.Delivery, ct);
        var response = await (await delivery.GetAsync($"/api/v1/slots?zoneId={zoneId}", ct)).ExpectAsync(HttpStatusCode.OK);
        return await response.ReadAsync<List<SlotView>>(ct);
    }

    public async Task<SlotView> FirstBookableSlotAsync(Guid zoneId, CancellationToken ct) =>
        (await SlotsAsync(zoneId, ct)).First(s => s.Available);

    public async Task<SlotView> SlotAsync(Guid zoneId, Guid slotId, CancellationToken ct) =>
        (await SlotsAsync(zoneId, ct)).Single(s => s.Id == slotId);

    public async Task CloseSlotAsync(Guid slotId, CancellationToken ct)
    {
        var delivery = await ClientAsync(ResourceNames.Delivery, ct);
        await (await delivery.PatchAsJsonAsync($"/api/v1/slots/{slotId}", new { closed = true }, ct)).ExpectAsync(HttpStatusCode.NoContent);
    }

    /// <summary>The stock of one SKU in one warehouse; none received there reads as zero.</summary>
    public async Task<WarehouseStockView> StockAsync(string sku, Guid warehouseId, CancellationToken ct)
    {
        var inventory = await ClientAsync(ResourceNames.Inventory, ct);
        using var response = await inventory.GetAsync($"/api/v1/stock/{Uri.EscapeDataString(sku)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return new WarehouseStockView(warehouseId, 0, 0, 0);
        var stock = await (await response.ExpectAsync(HttpStatusCode.OK)).ReadAsync<SkuStockView>(ct);
        return stock.Warehouses.SingleOrDefault(w => w.WarehouseId == warehouseId) ?? new WarehouseStockView(warehouseId, 0, 0, 0);
    }

    /// <summary>Inventory's reservation for an order, or null when it holds none.</summary>
    public async Task<ReservationView?> ReservationAsync(Guid orderId, CancellationToken ct)
    {
        var inventory = await ClientAsync(ResourceNames.Inventory, ct);
        using var response = await inventory.GetAsync($"/api/v1/reservations/{orderId}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await (await response.ExpectAsync(HttpStatusCode.OK)).ReadAsync<ReservationView>(ct);
    }
}
