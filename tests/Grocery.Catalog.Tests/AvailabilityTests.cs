using Grocery.Contracts;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Messaging.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grocery.Catalog.Tests;

/// <summary>Inventory is stood in for by a host with its own outbox database publishing to the same Kafka.</summary>
public sealed class AvailabilityTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Availability_follows_stock_level_events_per_warehouse()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Stock {suffix} > Shelf {suffix}";
        var sku = $"SK{suffix}";
        await TestProducts.ImportOkAsync(infra.Client("store-manager"),
            [TestProducts.Draft(sku, "Stocked item", 20_000, path), TestProducts.Draft(sku + "B", "Never stocked", 20_000, path)]);
        var (north, south) = (Guid.NewGuid(), Guid.NewGuid());
        var client = infra.Client();
        var slug = (await client.GetFromJsonAsync<ProductPage>($"/api/v1/products?category=shelf-{suffix.ToLowerInvariant()}&sort=name", Ct))!.Items
            .Single(i => i.Sku == sku).Slug;
        async Task<string?> DetailAt(Guid warehouse) =>
            (await client.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{slug}?warehouse={warehouse}", Ct))!.Availability;
        async Task<List<string>> InStockAt(Guid warehouse)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products?category=shelf-{suffix.ToLowerInvariant()}&inStock=true");
            request.Headers.Add("X-Warehouse-Id", warehouse.ToString());
            var response = await client.SendAsync(request, Ct);
            return [.. (await response.Content.ReadFromJsonAsync<ProductPage>(Ct))!.Items.Select(i => i.Sku)];
        }
        Assert.Equal("unknown", await DetailAt(north));
        Assert.Empty(await InStockAt(north));

        var inventoryDb = await infra.NewDatabaseAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDbContext<CatalogDbContext>(o => o.UseNpgsql(inventoryDb, n => n.MigrationsHistoryTable("__ef_migrations_history")));
        builder.AddEventBus<CatalogDbContext>("kafka", o =>
        {
            o.BootstrapServers = infra.Kafka;
            o.ServiceName = "inventory";
        });
        using var inventory = builder.Build();
        await inventory.StartAsync(Ct);
        async Task PublishAsync(Guid warehouse, decimal available, StockState state)
        {
            await using var scope = inventory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>()
                .Add(new StockLevelChangedIntegrationEvent(sku, warehouse, available, state, DateTimeOffset.UtcNow));
            await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().SaveChangesAsync(Ct);
        }

        await PublishAsync(north, 12, StockState.In);
        await PublishAsync(south, 0, StockState.Out);
        await Eventually.TrueAsync(async () => await DetailAt(north) == "in_stock" && await DetailAt(south) == "out_of_stock",
            "the catalog applied both warehouses' stock levels", timeoutSeconds: 60);
        Assert.Equal([sku], await InStockAt(north));
        Assert.Empty(await InStockAt(south));

        await PublishAsync(north, 0, StockState.Out);
        await PublishAsync(south, 3, StockState.Low);
        await Eventually.TrueAsync(async () => await DetailAt(north) == "out_of_stock" && await DetailAt(south) == "low_stock",
            "availability followed the later events", timeoutSeconds: 60);
        Assert.Empty(await InStockAt(north));
        Assert.Equal([sku], await InStockAt(south));
        await inventory.StopAsync(Ct);
    }
}
