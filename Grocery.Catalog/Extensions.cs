using Grocery.Catalog.Apis;
using Grocery.Catalog.Background;
using Grocery.Catalog.Caching;
using Grocery.Catalog.Importing;
using Grocery.Catalog.IntegrationEvents.EventHandling;
using Grocery.Catalog.Reading;
using Grocery.Catalog.SampleData;
using Grocery.Catalog.Search;
using Grocery.Catalog.Writing;
using Grocery.Contracts.Catalog;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Persistence;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Grocery.Catalog;

public static class Extensions
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddServiceDatabase<CatalogDbContext>(ResourceNames.CatalogDb);
        // Registered after the database: RunWithMigrationsAsync runs migrators in order, so seeding follows the migrations.
        services.AddSingleton<IDatabaseMigrator, SampleDataSeeder>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CatalogDataSources.Create(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ProductReader>();
        services.AddSingleton<ProductSearch>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<ProductCacheInvalidator>();
        services.AddScoped<ProductImporter>();
        services.AddScoped<ProductAdmin>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CatalogJsonContext.Default));

        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString(ResourceNames.Cache)))
        {
            // Redis is the second level only; ServiceDefaults turns its health check's failure into Degraded.
            builder.AddRedisClient(ResourceNames.Cache);
            services.AddStackExchangeRedisCache(_ => { });
            services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((options, sp) =>
            {
                options.InstanceName = "catalog:";
                options.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
            });
        }
        services.AddHybridCache(options => options.MaximumPayloadBytes = 4 * 1024 * 1024)
            .AddSerializer<CachedResponse, CachedResponseSerializer>();
        // Off only where replicas cannot LISTEN on the primary; the catalog's own Kafka events then invalidate alone.
        if (builder.Configuration.GetValue("Catalog:CacheInvalidation:ListenToDatabase", true))
            services.AddHostedService<CacheInvalidationListener>();

        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString(ResourceNames.Kafka)))
        {
            builder.AddEventBus<CatalogDbContext>(ResourceNames.Kafka)
                .AddSubscription<StockLevelChangedIntegrationEvent, StockLevelChangedHandler>()
                .AddBroadcastSubscription<ProductCreatedIntegrationEvent, ProductCreatedHandler>()
                .AddBroadcastSubscription<ProductChangedIntegrationEvent, ProductChangedHandler>()
                .AddBroadcastSubscription<ProductPriceChangedIntegrationEvent, ProductPriceChangedHandler>()
                .AddBroadcastSubscription<ProductDeactivatedIntegrationEvent, ProductDeactivatedHandler>();
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapCategoriesApi();
        app.MapProductsApi();
        app.MapSearchApi();
        return app;
    }
}
