namespace Grocery.Catalog.Tests;

public sealed class CacheInvalidationTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_price_change_on_one_instance_is_seen_by_another_instance_that_had_cached_it()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Cache {suffix} > Shelf {suffix}";
        var manager = infra.Client("store-manager");
        await TestProducts.ImportOkAsync(manager, [TestProducts.Draft($"CA{suffix}", "Cached item", 20_000, path)]);
        await using var second = new CatalogApp(infra.Database, infra.Redis.ConnectionString, null, infra.Identity.ServiceConfiguration);
        var secondClient = second.CreateClient();
        var listing = $"/api/v1/products?category=shelf-{suffix.ToLowerInvariant()}";
        // Assert.Single names what else the new category listed, should it ever list more.
        var cached = Assert.Single((await secondClient.GetFromJsonAsync<ProductPage>(listing, Ct))!.Items);
        var detailUrl = $"/api/v1/products/{cached.Slug}";
        Assert.Equal(20_000, (await secondClient.GetFromJsonAsync<ProductDetail>(detailUrl, Ct))!.Price);
        Assert.Equal(20_000, (await secondClient.GetFromJsonAsync<ProductPage>(listing, Ct))!.Items.Single().Price);

        var forEdit = await manager.GetAsync($"/api/v1/products/{cached.Id}", Ct);
        using var reprice = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/products/{cached.Id}/price") { Content = JsonContent.Create(new { price = 25_000 }) };
        reprice.Headers.IfMatch.Add(forEdit.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await manager.SendAsync(reprice, Ct)).StatusCode);

        await Eventually.TrueAsync(async () =>
            (await secondClient.GetFromJsonAsync<ProductDetail>(detailUrl, Ct))!.Price == 25_000
            && (await secondClient.GetFromJsonAsync<ProductPage>(listing, Ct))!.Items.Single().Price == 25_000,
            "the second instance serves the new price", timeoutSeconds: 15);
    }

    [Fact]
    public async Task A_price_change_on_one_instance_reaches_another_that_hears_only_the_catalogs_kafka_events()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Kafka cache {suffix} > Shelf {suffix}";
        var manager = infra.Client("store-manager");
        await TestProducts.ImportOkAsync(manager, [TestProducts.Draft($"KC{suffix}", "Kafka cached item", 20_000, path)]);
        // No Redis (its shared second level could carry the first instance's tag removals) and no LISTEN:
        // only the broadcast subscription to ProductPriceChanged can drop this instance's cached pages.
        await using var second = new CatalogApp(infra.Database, "", infra.Kafka, infra.Identity.ServiceConfiguration,
            new Dictionary<string, string?>
            {
                ["Catalog:CacheInvalidation:ListenToDatabase"] = "false",
                ["Messaging:ConsumerGroup"] = $"catalog-tests-kafka-only-{suffix}",
            });
        var secondClient = second.CreateClient();
        var listing = $"/api/v1/products?category=shelf-{suffix.ToLowerInvariant()}";
        var cached = Assert.Single((await secondClient.GetFromJsonAsync<ProductPage>(listing, Ct))!.Items);
        var detailUrl = $"/api/v1/products/{cached.Slug}";
        Assert.Equal(20_000, (await secondClient.GetFromJsonAsync<ProductDetail>(detailUrl, Ct))!.Price);

        // A broadcast subscriber gets the events published once its consumer is assigned, which a test
        // cannot observe; so reprice until one price change shows on the second instance.
        var price = 20_000m;
        await Eventually.TrueAsync(async () =>
        {
            price += 1_000;
            var forEdit = await manager.GetAsync($"/api/v1/products/{cached.Id}", Ct);
            using var reprice = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/products/{cached.Id}/price") { Content = JsonContent.Create(new { price }) };
            reprice.Headers.IfMatch.Add(forEdit.Headers.ETag!);
            Assert.Equal(HttpStatusCode.OK, (await manager.SendAsync(reprice, Ct)).StatusCode);
            for (var attempt = 0; attempt < 40; attempt++)
            {
                if ((await secondClient.GetFromJsonAsync<ProductDetail>(detailUrl, Ct))!.Price == price
                    && (await secondClient.GetFromJsonAsync<ProductPage>(listing, Ct))!.Items.Single().Price == price)
                    return true;
                await Task.Delay(100, Ct);
            }
            return false;
        }, "the second instance serves a new price after its ProductPriceChanged event", timeoutSeconds: 60);
    }
}
