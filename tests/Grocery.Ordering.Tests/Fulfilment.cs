using System.Text.Json;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Contracts.Ordering;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Basket;
using Grocery.Ordering.Clients;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Ordering.Tests;

/// <summary>A confirmed order and a picker of its warehouse, and the steps a picker takes, for the fulfilment tests.</summary>
public sealed class Fulfilment(OrderingApp app, Shopper shopper, Guid orderId)
{
    public OrderingApp App => app;

    public Shopper Shopper => shopper;

    public Guid OrderId => orderId;

    public Guid WarehouseId => shopper.Zone.WarehouseId;

    public HttpClient Picker => field ??= app.StaffClientFor(Guid.NewGuid().ToString(), WarehouseId);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Line(CatalogProduct Product, decimal Quantity, SubstitutionPreference Substitution = SubstitutionPreference.AnySimilar, string? SubstituteSku = null);

    public static async Task<Fulfilment> ConfirmedAsync(OrderingInfrastructure infrastructure, params Line[] lines)
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync(lines: 0);
        foreach (var line in lines)
        {
            var response = await shopper.Client.PutAsJsonAsync($"/api/v1/basket/lines/{line.Product.Id}",
                new UpdateBasketLineRequest(line.Quantity, line.Substitution, line.SubstituteSku, null), KafkaPeers.Json, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var order = await shopper.PlaceOrderAsync();
        var placed = await infrastructure.Peers.WaitForAsync<OrderPlacedIntegrationEvent>(order.Id);
        await infrastructure.Peers.PublishAsync(new StockReservedIntegrationEvent(placed.OrderId, placed.WarehouseId,
            placed.Lines.Select(l => new ReservedLine(l.Sku, l.Quantity)).ToList(), DateTimeOffset.UtcNow.AddMinutes(15)));
        await infrastructure.Peers.PublishAsync(new SlotConfirmedIntegrationEvent(placed.OrderId, placed.SlotId, placed.SlotHoldId, placed.ZoneId,
            placed.SlotWindowStart, placed.SlotWindowEnd, placed.DeliveryFee));
        await shopper.WaitForStatusAsync(order.Id, OrderStatus.Confirmed);
        return new Fulfilment(app, shopper, order.Id);
    }

    /// <summary>A cash-on-delivery order picked as ordered and packed: ready for dispatch.</summary>
    public static async Task<Fulfilment> ReadyForDispatchAsync(OrderingInfrastructure infrastructure, params Line[] lines)
    {
        var fulfilment = await ConfirmedAsync(infrastructure, lines);
        await fulfilment.ClaimAsync();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var pick = await fulfilment.PickAsync(i + 1, infrastructure.Catalog.GtinOf(line.Product.Id),
                line.Product.SoldByWeight ? null : line.Quantity, line.Product.SoldByWeight ? line.Quantity : null);
            Assert.Equal(HttpStatusCode.OK, pick.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PackAsync(1)).StatusCode);
        await fulfilment.Shopper.WaitForStatusAsync(fulfilment.OrderId, OrderStatus.ReadyForDispatch);
        return fulfilment;
    }

    public async Task<PickListResponse> ClaimAsync()
    {
        var response = await Picker.PostAsync($"/api/v1/picking/{orderId}/claim", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PickListResponse>(KafkaPeers.Json, Ct))!;
    }

    public async Task<PickListResponse> PickListAsync() =>
        (await Picker.GetFromJsonAsync<PickListResponse>($"/api/v1/picking/{orderId}", KafkaPeers.Json, Ct))!;

    public Task<HttpResponseMessage> PickAsync(int lineNo, string gtin, decimal? quantity, decimal? weightKg) =>
        Picker.PostAsJsonAsync($"/api/v1/picking/{orderId}/lines/{lineNo}/pick", new PickLineRequest(gtin, quantity, weightKg), KafkaPeers.Json, Ct);

    public Task<HttpResponseMessage> ShortAsync(int lineNo, decimal available) =>
        Picker.PostAsJsonAsync($"/api/v1/picking/{orderId}/lines/{lineNo}/short", new ShortLineRequest(available), KafkaPeers.Json, Ct);

    public async Task<SubstitutesResponse> SubstitutesAsync(int lineNo) =>
        (await Picker.GetFromJsonAsync<SubstitutesResponse>($"/api/v1/picking/{orderId}/lines/{lineNo}/substitutes", KafkaPeers.Json, Ct))!;

    public Task<HttpResponseMessage> SubstituteAsync(int lineNo, string sku, decimal quantity) =>
        Picker.PostAsJsonAsync($"/api/v1/picking/{orderId}/lines/{lineNo}/substitute", new SubstituteLineRequest(sku, quantity), KafkaPeers.Json, Ct);

    public Task<HttpResponseMessage> RemoveAsync(int lineNo) =>
        Picker.PostAsJsonAsync($"/api/v1/picking/{orderId}/lines/{lineNo}/remove", new RemoveLineRequest(null), KafkaPeers.Json, Ct);

    public Task<HttpResponseMessage> PackAsync(int packages) =>
        Picker.PostAsJsonAsync($"/api/v1/picking/{orderId}/pack", new PackRequest(packages), KafkaPeers.Json, Ct);

    public Task<Order> OrderAsync() => app.WithDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, Ct));

    /// <summary>Events of this order written to the outbox, by type: what was published, counted at the source.</summary>
    public async Task<Dictionary<string, int>> OutboxCountsAsync()
    {
        var rows = await app.WithDbAsync(db => db.Database.SqlQuery<string>(
            $"SELECT event_type AS \"Value\" FROM messaging.outbox_messages WHERE partition_key = {orderId.ToString()}").ToListAsync(Ct));
        return rows.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
    }

    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return body.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
