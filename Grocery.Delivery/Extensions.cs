using Grocery.Contracts.Ordering;
using Grocery.Delivery.Apis;
using Grocery.Delivery.Background;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Carriers.Grab;
using Grocery.Delivery.Carriers.InHouse;
using Grocery.Delivery.Carriers.ViettelPost;
using Grocery.Delivery.Clients;
using Grocery.Delivery.IntegrationEvents.EventHandling;
using Grocery.Delivery.Shipping;
using Grocery.Delivery.Slots;
using Grocery.Firestore.Projection;
using Grocery.Messaging;
using Grocery.Messaging.DeadLetters;
using Grocery.ServiceDefaults.ServiceTokens;
using Grocery.Persistence;
using Npgsql;

namespace Grocery.Delivery;

public static class Extensions
{
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DeliveryDbContext>(ResourceNames.DeliveryDb);
        Telemetry.DeliveryMetrics.AddDeliveryMetrics(builder);
        builder.Services.AddSingleton<IDatabaseMigrator, Grocery.Delivery.SampleData.SampleZoneSeeder>();
        builder.Services.AddSingleton(TimeProvider.System);
        // The hold hot path bypasses EF Core: one pooled connection and one round trip per hold.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(DatabaseExtensions.ServiceConnectionString(builder.Configuration.GetConnectionString(ResourceNames.DeliveryDb))
            ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.DeliveryDb} is missing.")));

        builder.Services.Configure<DeliveryOptions>(builder.Configuration.GetSection(DeliveryOptions.SectionName));
        builder.Services.Configure<WarehousePickupOptions>(builder.Configuration.GetSection(DeliveryOptions.SectionName));
        builder.Services.AddSingleton<SlotHoldService>();
        builder.Services.AddScoped<SlotOverrideService>();
        builder.Services.AddScoped<SlotBookingService>();
        builder.Services.AddSingleton<SlotCalendarGenerator>();
        builder.Services.AddSingleton<HoldExpirySweeper>();
        builder.Services.AddSingleton<SlotAvailabilityPublisher>();
        builder.Services.AddHostedService<SlotMaintenanceWorker>();

        builder.AddCarriers();
        builder.Services.AddScoped<ShipmentDispatcher>();
        builder.Services.AddScoped<ShipmentTracker>();
        builder.Services.AddScoped<DriverShipments>();

        // Calls no user started (dispatching an event) and the drivers' list both read drop-offs as Delivery itself.
        builder.AddServiceTokens();
        builder.Services.AddHttpClient<IOrderingClient, OrderingClient>(c =>
                c.BaseAddress = new Uri(builder.Configuration["Delivery:OrderingUrl"] ?? $"https+http://{ResourceNames.Ordering}"))
            .AddServiceToken();

        builder.AddEventBus<DeliveryDbContext>(ResourceNames.Kafka)
            .AddSubscription<OrderPlacedIntegrationEvent, OrderPlacedHandler>()
            .AddSubscription<OrderCancelledIntegrationEvent, OrderCancelledHandler>()
            .AddSubscription<OrderReadyForDispatchIntegrationEvent, OrderReadyForDispatchHandler>()
            .ProjectSlotAvailabilityToFirestore<DeliveryDbContext>();
        return builder;
    }

    /// <summary>Carriers: the in-house fleet always; each HTTP carrier is one adapter and its "Carriers:{name}" section.</summary>
    private static void AddCarriers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CarrierTokenCache>();
        builder.Services.Configure<InHouseFleetOptions>(builder.Configuration.GetSection($"Carriers:{CarrierRegistry.InHouse}"));
        builder.Services.AddSingleton<InHouseFleetCarrier>();
        builder.Services.AddSingleton<ICarrier>(sp => sp.GetRequiredService<InHouseFleetCarrier>());
        builder.AddHttpCarrier<GrabExpressCarrier, GrabExpressOptions>(GrabExpressCarrier.CarrierName);
        builder.AddHttpCarrier<ViettelPostCarrier, ViettelPostOptions>(ViettelPostCarrier.CarrierName);
        builder.Services.AddTransient<CarrierRegistry>();
    }

    public static WebApplication MapDeliveryApi(this WebApplication app)
    {
        app.MapZonesApi();
        app.MapSlotsApi();
        app.MapSlotUtilisationApi();
        app.MapShipmentsApi();
        app.MapCarrierWebhooksApi();
        app.MapDeadLetterApi();
        return app;
    }
}
