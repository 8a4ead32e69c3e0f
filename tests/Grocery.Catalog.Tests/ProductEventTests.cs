using Grocery.Catalog.Domain;
using Grocery.Contracts.Catalog;

namespace Grocery.Catalog.Tests;

/// <summary>Admin writes put the catalog's product events in the outbox, in their transaction; refused writes put none.</summary>
public sealed class ProductEventTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static object Body(string sku, int categoryId, string gtin, string name, decimal price) => new
    {
        sku, gtin, name, nameEn = "Event rice", description = "Gạo thơm", brand = "Event Farm", categoryId, soldBy = "each",
        unit = "kg", netContent = 5, price, taxClass = 5, storage = "ambient", perishable = false,
    };

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string url, EntityTagHeaderValue? etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null) request.Headers.IfMatch.Add(etag);
        return request;
    }

    /// <summary>The product's outbox rows in write order: event type name and the CloudEvents data.</summary>
    private async Task<List<(string Type, JsonElement Data)>> OutboxAsync(Guid productId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(infra.Database);
        await connection.OpenAsync(Ct);
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT event_type, payload FROM messaging.outbox_messages WHERE partition_key = @key ORDER BY id", connection);
        cmd.Parameters.AddWithValue("key", productId.ToString());
        var rows = new List<(string, JsonElement)>();
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        while (await r.ReadAsync(Ct))
            rows.Add((r.GetString(0), JsonDocument.Parse(r.GetString(1)).RootElement.GetProperty("data").Clone()));
        return rows;
    }

    [Fact]
    public async Task Create_reprice_update_and_deactivate_each_put_their_event_in_the_outbox_and_refused_writes_put_none()
    {
        var manager = infra.Client("store-manager");
        var tree = await infra.Client().GetFromJsonAsync<List<Apis.CategoryTreeNode>>("/api/v1/categories", Ct);
        var categoryId = tree!.First(c => c.Slug == "gao-do-kho").Children[0].Id;
        var sku = "EV" + TestProducts.UniqueSuffix();
        var gtin = TestProducts.Gtin(Math.Abs((long)sku.GetHashCode()) + 7);

        var created = await manager.PostAsJsonAsync("/api/v1/products", Body(sku, categoryId, gtin, $"Gạo sự kiện {sku}", 150_000), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = (await created.Content.ReadFromJsonAsync<ProductDetail>(Ct))!;
        var repriced = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}/price", created.Headers.ETag, new { price = 135_000 }), Ct);
        Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        var updated = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}", repriced.Headers.ETag,
            Body(sku, categoryId, gtin, $"Gạo sự kiện mới {sku}", 135_000)), Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var afterAcceptedWrites = await OutboxAsync(product.Id);

        // Refused: a stale version, an invalid body, an unknown category; none may leave an event behind.
        var stale = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}/price", created.Headers.ETag, new { price = 99_000 }), Ct);
        var invalid = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}", updated.Headers.ETag,
            Body(sku, categoryId, "8930000000011", "", 135_000)), Ct);
        var unknownCategory = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}", updated.Headers.ETag,
            Body(sku, int.MaxValue, gtin, $"Gạo sự kiện khác {sku}", 120_000)), Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownCategory.StatusCode);
        Assert.Equal(afterAcceptedWrites.Count, (await OutboxAsync(product.Id)).Count);

        var deactivated = await manager.SendAsync(WithIfMatch(HttpMethod.Post, $"/api/v1/products/{product.Id}/deactivate", updated.Headers.ETag), Ct);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);

        var events = await OutboxAsync(product.Id);
        Assert.Collection(events.Select(e => e.Type),
            t => Assert.Contains("ProductCreated", t),
            t => Assert.Contains("ProductPriceChanged", t),
            t => Assert.Contains("ProductChanged", t),
            t => Assert.Contains("ProductDeactivated", t));
        var categoryEventId = Category.ToEventId(categoryId);
        var create = events[0].Data.Deserialize<ProductCreatedIntegrationEvent>(Json)!;
        Assert.Equal((product.Id, sku, $"Gạo sự kiện {sku}", categoryEventId, 150_000m, 5, false, "kg"),
            (create.ProductId, create.Sku, create.Name, create.CategoryId, create.Price, create.VatRatePercent, create.SoldByWeight, create.Unit));
        var price = events[1].Data.Deserialize<ProductPriceChangedIntegrationEvent>(Json)!;
        Assert.Equal((product.Id, sku, 150_000m, 135_000m), (price.ProductId, price.Sku, price.OldPrice, price.NewPrice));
        var change = events[2].Data.Deserialize<ProductChangedIntegrationEvent>(Json)!;
        Assert.Equal((product.Id, sku, $"Gạo sự kiện mới {sku}", categoryEventId, 5, "kg"),
            (change.ProductId, change.Sku, change.Name, change.CategoryId, change.VatRatePercent, change.Unit));
        var deactivation = events[3].Data.Deserialize<ProductDeactivatedIntegrationEvent>(Json)!;
        Assert.Equal((product.Id, sku), (deactivation.ProductId, deactivation.Sku));
        Assert.True(price.EffectiveFrom >= create.CreatedAt && deactivation.DeactivatedAt >= change.ChangedAt);
    }
}
