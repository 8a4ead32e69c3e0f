namespace Grocery.Catalog.Tests;

public sealed class ReplicaTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_a_replica_configured_listings_and_details_are_read_from_it_while_writes_go_to_the_primary()
    {
        // The "replica" is a second database with other content, so each read shows where it came from.
        var replica = await infra.NewDatabaseAsync();
        var suffix = TestProducts.UniqueSuffix();
        await using (var seeding = new CatalogApp(replica, "", null, infra.Identity.ServiceConfiguration))
        {
            var seeder = seeding.CreateClient();
            seeder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", infra.Identity.CreateToken("manager-1", "store-manager"));
            await TestProducts.ImportOkAsync(seeder, [TestProducts.Draft($"RP{suffix}", "Replica only item", 30_000, $"Replica {suffix} > Only {suffix}")]);
        }
        // No Redis: its shared second level holds pages the other instances read from the primary.
        await using var app = new CatalogApp(infra.Database, "", null, infra.Identity.ServiceConfiguration,
            new Dictionary<string, string?> { ["ConnectionStrings:catalogdb-replica"] = replica });
        var shopper = app.CreateClient();
        var manager = app.CreateClient();
        manager.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", infra.Identity.CreateToken("manager-1", "store-manager"));

        await TestProducts.ImportOkAsync(manager, [TestProducts.Draft($"PR{suffix}", "Primary only item", 40_000, $"Primary {suffix} > Only {suffix}")]);
        var replicaListing = await shopper.GetFromJsonAsync<ProductPage>($"/api/v1/products?category=replica-{suffix.ToLowerInvariant()}", Ct);
        var primaryListing = await shopper.GetFromJsonAsync<ProductPage>($"/api/v1/products?category=primary-{suffix.ToLowerInvariant()}", Ct);
        var replicaDetail = await shopper.GetAsync($"/api/v1/products/{replicaListing!.Items.Single().Slug}", Ct);
        var onPrimary = await infra.Client().GetFromJsonAsync<ProductPage>($"/api/v1/products?category=primary-{suffix.ToLowerInvariant()}", Ct);
        var notOnPrimary = await infra.Client().GetFromJsonAsync<ProductPage>($"/api/v1/products?category=replica-{suffix.ToLowerInvariant()}", Ct);
        var forEdit = await manager.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{onPrimary!.Items.Single().Id}", Ct);

        Assert.Equal($"RP{suffix}", replicaListing.Items.Single().Sku);
        Assert.Empty(primaryListing!.Items);
        Assert.Equal(HttpStatusCode.OK, replicaDetail.StatusCode);
        Assert.Equal($"PR{suffix}", onPrimary.Items.Single().Sku);
        Assert.Empty(notOnPrimary!.Items);
        Assert.Equal(40_000, forEdit!.Price);
    }
}
