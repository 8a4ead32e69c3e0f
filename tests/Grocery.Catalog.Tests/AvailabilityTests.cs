using Grocery.Catalog.Domain;
using Grocery.Catalog.IntegrationEvents.EventHandling;
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

    [Fact]
    public async Task Stock_events_arriving_out_of_order_and_repeated_leave_the_latest_version_whatever_their_times()
    {
        var sku = $"SK{TestProducts.UniqueSuffix()}";
        var warehouse = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        StockLevelChangedIntegrationEvent Level(long version, decimal available, StockState state, int seconds) =>
            new(sku, warehouse, available, state, at.AddSeconds(seconds), version);
        var latest = Level(5, 0, StockState.Out, seconds: 1);

        // Rounds of different replicas stamp by their own clocks: the latest version here carries an early time.
        foreach (var e in new[] { Level(3, 2, StockState.Low, 30), latest, Level(4, 1, StockState.Low, 40), Level(1, 20, StockState.In, 10),
                     latest, Level(2, 9, StockState.In, 20), Level(4, 1, StockState.Low, 40) })
            await HandleAsync(e);
        // Published before events carried versions, and stamped later than all of them.
        await HandleAsync(Level(0, 50, StockState.In, 3_600));

        var stored = await StoredAsync(sku, warehouse);
        Assert.Equal((5L, 0m, StockState.Out, latest.ChangedAt), (stored.Version, stored.Available, stored.State, stored.ChangedAt));
    }

    [Fact]
    public async Task Stock_events_without_versions_are_still_ordered_by_time_until_a_versioned_one_arrives()
    {
        var sku = $"SK{TestProducts.UniqueSuffix()}";
        var warehouse = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

        await HandleAsync(new StockLevelChangedIntegrationEvent(sku, warehouse, 0, StockState.Out, at.AddSeconds(2)));
        await HandleAsync(new StockLevelChangedIntegrationEvent(sku, warehouse, 7, StockState.In, at));
        Assert.Equal(StockState.Out, (await StoredAsync(sku, warehouse)).State);

        await HandleAsync(new StockLevelChangedIntegrationEvent(sku, warehouse, 4, StockState.Low, at, Version: 1));
        var versioned = await StoredAsync(sku, warehouse);
        Assert.Equal((1L, StockState.Low), (versioned.Version, versioned.State));
    }

    private async Task<ProductAvailability> StoredAsync(string sku, Guid warehouse)
    {
        await using var scope = infra.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<ProductAvailability>().AsNoTracking()
            .SingleAsync(a => a.Sku == sku && a.WarehouseId == warehouse, Ct);
    }

    private async Task HandleAsync(StockLevelChangedIntegrationEvent e)
    {
        await using var scope = infra.App.Services.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<StockLevelChangedHandler>(scope.ServiceProvider);
        await handler.HandleAsync(e, new IntegrationEventContext(Guid.NewGuid().ToString(), "test", "inventory", DateTimeOffset.UtcNow, e.Sku,
            Guid.NewGuid().ToString(), null, "inventory.events", 0, 0, 1, false), Ct);
    }
}
