using System.Text.Json.Serialization;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Inventory.Apis;
using Grocery.Inventory.Background;
using Grocery.Inventory.IntegrationEvents.EventHandling;
using Grocery.Inventory.Stock;
using Grocery.Firestore.Projection;
using Grocery.Messaging;
using Grocery.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grocery.Inventory;

public static class Extensions
{
    public static IHostApplicationBuilder AddInventory(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<InventoryDbContext>(ResourceNames.InventoryDb);
        Telemetry.InventoryMetrics.AddInventoryMetrics(builder);
        builder.Services.AddSingleton<IDatabaseMigrator, Grocery.Inventory.SampleData.SampleStockSeeder>();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<InventoryOptions>()
            .Bind(builder.Configuration.GetSection("Inventory"))
            .Validate(o => o.PendingReservationLifetime > TimeSpan.Zero && o.PendingReservationLifetime < InventoryOptions.SlotHold,
                "Inventory:PendingReservationLifetime must be positive and shorter than a slot hold (60 minutes).")
            .Validate(o => o.SweepBatchSize > 0 && o.LotExpiryBatchSize > 0 && o.StockLevelBatchSize > 0, "Batch sizes must be positive.")
            .Validate(o => o.StockLevelPublishInterval > TimeSpan.Zero, "Inventory:StockLevelPublishInterval must be positive.")
            .Validate(o => o.ReservationBatchSize > 0 && o.ReservationLanes > 0 && o.ReservationQueueCapacity > 0,
                "Inventory:ReservationBatchSize, ReservationLanes and ReservationQueueCapacity must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<StockService>();
        builder.Services.AddScoped<IdempotencyStore>();
        builder.Services.AddSingleton<ReservationBatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReservationBatcher>());
        builder.Services.AddSingleton<ReservationExpirySweeper>();
        builder.Services.AddSingleton<LotExpiryJob>();
        builder.Services.AddSingleton<StockLevelPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReservationExpirySweeper>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LotExpiryJob>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StockLevelPublisher>());

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Callers.StaffOrServicePolicy, p => p.RequireRole(
                GroceryRoles.Picker, GroceryRoles.StoreManager, GroceryRoles.Admin, Callers.ServiceRole));

        // One message per transaction: a batch would hold the stock row locks of several orders
        // at once, taken in arrival order rather than SKU order, and could deadlock with other lanes.
        builder.AddEventBus<InventoryDbContext>(ResourceNames.Kafka, o => o.ConsumerBatchSize = 1)
            .AddSubscription<OrderPlacedIntegrationEvent, OrderPlacedHandler>()
            .AddSubscription<OrderCancelledIntegrationEvent, OrderCancelledHandler>()
            .AddSubscription<OrderConfirmedIntegrationEvent, OrderConfirmedHandler>()
            .AddSubscription<OrderPickedIntegrationEvent, OrderPickedHandler>()
            .AddSubscription<ShipmentFailedIntegrationEvent, ShipmentFailedHandler>()
            .AddSubscription<ShipmentDeliveredIntegrationEvent, ShipmentDeliveredHandler>()
            .ProjectStockLevelsToFirestore<InventoryDbContext>();
        return builder;
    }

    public static IEndpointRouteBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        app.MapStockApi();
        app.MapLowStockApi();
        app.MapReservationsApi();
        app.MapWarehousesApi();
        app.MapReturnsApi();
        return app;
    }
}
