using System.Net;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>
/// The orders the sweep's picking, driver, returns and notification samples work on, each brought
/// through the gateway to the state its samples start from: one confirmed with three lines (one to
/// pick, one short for its named substitute, one to remove), one packed for the driver to dispatch
/// and deliver, one dispatched for the driver to report failed, and one delivered with a refused
/// line, which leaves a return waiting for inspection.
/// </summary>
public sealed record SweepFulfilment(
    Guid PickOrderId, int PickLine, string PickGtin, int ShortLine, int RemoveLine, string SubstituteSku,
    Guid DeliveringOrderId, decimal CashToCollect, Guid FailingOrderId, Guid ReturnId, Guid NotificationId)
{
    public static async Task<SweepFulfilment> CreateAsync(
        GatewayUser shopper, GatewayUser manager, Guid warehouseId, Func<int, IReadOnlyList<(ProductSummary Product, JsonObject Line)>, Task<Guid>> placeAsync,
        IReadOnlyList<ProductSummary> products, CancellationToken ct)
    {
        var (main, second, substitute, removed) = (products[0], products[1], products[2], products[3]);
        var single = new[] { (main, new JsonObject { ["quantity"] = 1, ["substitution"] = "None" }) };

        // Each order is checked out with a hold on a slot of its own (0 to 3 of those the sweep set aside).
        var pickOrder = await placeAsync(0,
        [
            (main, new JsonObject { ["quantity"] = 1, ["substitution"] = "None" }),
            (second, new JsonObject { ["quantity"] = 1, ["substitution"] = "NamedSku", ["substituteSku"] = substitute.Sku }),
            (removed, new JsonObject { ["quantity"] = 1, ["substitution"] = "None" }),
        ]);
        var delivering = await placeAsync(1, single);
        var failing = await placeAsync(2, single);
        var returned = await placeAsync(3, single);
        foreach (var order in new[] { pickOrder, delivering, failing, returned }) await ConfirmedAsync(shopper, order, ct);

        var lines = (await manager.ExpectJsonAsync(HttpMethod.Get, $"/api/v1/picking/{pickOrder}", null, ct))["storage"]!.AsArray()
            .SelectMany(g => g!["aisles"]!.AsArray()).SelectMany(a => a!["lines"]!.AsArray()).ToList();
        JsonNode LineOf(ProductSummary p) => lines.Single(l => (string?)l!["sku"] == p.Sku)!;

        var cash = await PackAsync(manager, delivering, ct);
        await PackAsync(manager, failing, ct);
        await PackAsync(manager, returned, ct);
        foreach (var order in new[] { delivering, failing, returned }) await ShipmentBookedAsync(manager, order, ct);
        await manager.ExpectJsonAsync(HttpMethod.Post, $"/api/v1/shipments/{failing}/dispatched", null, ct);
        await manager.ExpectJsonAsync(HttpMethod.Post, $"/api/v1/shipments/{returned}/dispatched", null, ct);
        var refused = new { sku = main.Sku, quantity = 1m, reason = "Dented can" };
        await manager.ExpectJsonAsync(HttpMethod.Post, $"/api/v1/shipments/{returned}/delivered",
            new { cashCollected = 0m, refusedLines = new[] { refused } }, ct);

        var returnId = await Eventually.GetAsync(async () =>
                (await manager.ExpectJsonAsync(HttpMethod.Get, $"/api/v1/returns?warehouseId={warehouseId}", null, ct)).AsArray()
                .Where(r => (Guid)r!["orderId"]! == returned).Select(r => (Guid?)r!["id"]).FirstOrDefault(),
            id => id is not null, "Inventory holds the refused line as a return", 90);
        var notificationId = await Eventually.GetAsync(async () =>
                (await shopper.ExpectJsonAsync(HttpMethod.Get, "/api/v1/me/notifications", null, ct))["items"]!.AsArray()
                .Select(n => (Guid?)n!["id"]).FirstOrDefault(),
            id => id is not null, "the shopper was notified of a confirmed order", 90);

        return new SweepFulfilment(pickOrder, (int)LineOf(main)["lineNo"]!, (string)LineOf(main)["gtin"]!, (int)LineOf(second)["lineNo"]!,
            (int)LineOf(removed)["lineNo"]!, substitute.Sku, delivering, cash, failing, returnId!.Value, notificationId!.Value);
    }

    private static Task ConfirmedAsync(GatewayUser shopper, Guid orderId, CancellationToken ct) =>
        Eventually.Until(async () => (string?)(await shopper.ExpectJsonAsync(HttpMethod.Get, $"/api/v1/orders/{orderId}", null, ct))["status"],
            status => status == OrderStatuses.Confirmed, ShopperSession.SagaDeadline, TimeSpan.FromMilliseconds(250));

    /// <summary>Claims, picks every line as ordered and packs the order; the amount the driver collects.</summary>
    private static async Task<decimal> PackAsync(GatewayUser manager, Guid orderId, CancellationToken ct)
    {
        var list = await manager.ExpectJsonAsync(HttpMethod.Post, $"/api/v1/picking/{orderId}/claim", null, ct);
        foreach (var line in list["storage"]!.AsArray().SelectMany(g => g!["aisles"]!.AsArray()).SelectMany(a => a!["lines"]!.AsArray()))
        {
            await manager.ExpectJsonAsync(HttpMethod.Post, $"/api/v1/picking/{orderId}/lines/{(int)line!["lineNo"]!}/pick",
                new { gtin = (string?)line["gtin"], quantity = (decimal)line["quantity"]! }, ct);
        }
        var packed = await manager.ExpectJsonAsync(HttpMethod.Post, $"/api/v1/picking/{orderId}/pack", new { packageCount = 1 }, ct);
        return (decimal)packed["amountToCollect"]!;
    }

    private static Task ShipmentBookedAsync(GatewayUser manager, Guid orderId, CancellationToken ct) =>
        Eventually.TrueAsync(async () => (await manager.SendAsync(HttpMethod.Get, $"/api/v1/shipments/{orderId}", null, ct)).StatusCode == HttpStatusCode.OK,
            $"Delivery booked the in-house driver for order {orderId}", 90);
}
