using System.Text.Json.Serialization;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Identity;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Ordering.Addresses;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Background;
using Grocery.Ordering.Basket;
using Grocery.Ordering.Checkout;
using Grocery.Ordering.Clients;
using Grocery.Ordering.IntegrationEvents.EventHandling;
using Grocery.Ordering.Payments;
using Grocery.Ordering.Payments.Stripe;
using Grocery.Ordering.Picking;
using Grocery.Ordering.Saga;
using Grocery.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Grocery.Ordering;

public static class Extensions
{
    public static IHostApplicationBuilder AddOrdering(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrderingDbContext>(ResourceNames.OrderingDb);
        Telemetry.OrderingMetrics.AddOrderingMetrics(builder);
        builder.AddRedisClient(ResourceNames.Cache);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<OrderingOptions>()
            .Bind(builder.Configuration.GetSection("Ordering"))
            .Validate(o => o.SagaTimeout > TimeSpan.Zero && o.SagaTimeout < TimeSpan.FromMinutes(60),
                "Ordering:SagaTimeout must be positive and shorter than a slot hold (60 minutes).")
            .Validate(o => o.TimeoutSweepInterval > TimeSpan.Zero, "Ordering:TimeoutSweepInterval must be positive.")
            .Validate(o => o.WeighedBuffer is >= 0m and <= 1m, "Ordering:WeighedBuffer is a fraction between 0 and 1 (0.10 = 10 %).")
            .Validate(o => o.PackedResumeAfter >= TimeSpan.Zero, "Ordering:PackedResumeAfter must not be negative.")
            .Validate(o => o.ShelfDetailsLifetime >= TimeSpan.Zero, "Ordering:ShelfDetailsLifetime must not be negative.")
            .ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ForwardBearerTokenHandler>();
        builder.Services.AddHttpClient<ICatalogClient, CatalogClient>(c => c.BaseAddress = new Uri(builder.Configuration["Ordering:CatalogUrl"] ?? $"https+http://{ResourceNames.Catalog}"))
            .AddHttpMessageHandler<ForwardBearerTokenHandler>();
        builder.Services.AddHttpClient<IDeliveryClient, DeliveryClient>(c => c.BaseAddress = new Uri(builder.Configuration["Ordering:DeliveryUrl"] ?? $"https+http://{ResourceNames.Delivery}"))
            .AddHttpMessageHandler<ForwardBearerTokenHandler>();

        builder.Services.AddHttpClient<IInventoryClient, InventoryClient>(c => c.BaseAddress = new Uri(builder.Configuration["Ordering:InventoryUrl"] ?? $"https+http://{ResourceNames.Inventory}"))
            .AddHttpMessageHandler<ForwardBearerTokenHandler>();

        builder.Services.AddHttpClient<IIdentityClient, IdentityClient>(c => c.BaseAddress = new Uri(builder.Configuration["Ordering:IdentityUrl"] ?? $"https+http://{ResourceNames.Identity}"))
            .AddHttpMessageHandler<ForwardBearerTokenHandler>();

        // Drop-off addresses are encrypted with a key ring shared by every replica and kept out of
        // PostgreSQL, so a database dump alone decrypts nothing.
        builder.Services.AddDataProtection().SetApplicationName("grocery-ordering");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = new RedisXmlRepository(
                () => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), DropOffAddressProtector.KeyRingRedisKey));
        builder.Services.AddSingleton<DropOffAddressProtector>();

        builder.Services.AddSingleton<BasketStore>();
        builder.Services.AddScoped<BasketPricer>();
        builder.Services.AddScoped<CheckoutService>();
        builder.Services.AddScoped<CheckoutAddressResolver>();
        builder.Services.AddScoped<Reorder>();
        builder.Services.AddScoped<OrderSaga>();
        builder.Services.AddSingleton<OrderStepRunner>();
        builder.Services.AddScoped<ShelfSnapshot>();
        builder.Services.AddSingleton<ShelfDetailsCache>();
        builder.Services.AddScoped<SubstituteFinder>();
        builder.Services.AddScoped<DeliverySteps>();
        builder.Services.AddSingleton<IPaymentMethod, CashOnDeliveryPayment>();
        builder.Services.AddSingleton<IPaymentProcessor, PaymentProcessor>();
        builder.Services.AddOptions<PaymentsOptions>().Bind(builder.Configuration.GetSection(PaymentsOptions.Section))
            .Validate(o => o.AuthoriseAheadDays is > 0 and < 7, "Payments:AuthoriseAheadDays must be between 1 and 6 (card authorisations lapse after about 7 days).")
            .Validate(o => o.OffSessionLead > TimeSpan.Zero, "Payments:OffSessionLead must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<PaymentSessions>();
        builder.AddStripePayments();
        builder.Services.AddHostedService<SagaTimeoutWorker>();
        builder.Services.AddHostedService<PaymentMethodsAnnouncement>();

        builder.AddEventBus<OrderingDbContext>(ResourceNames.Kafka)
            .AddSubscription<StockReservedIntegrationEvent, StockReservedHandler>()
            .AddSubscription<StockReservationFailedIntegrationEvent, StockReservationFailedHandler>()
            .AddSubscription<SlotConfirmedIntegrationEvent, SlotConfirmedHandler>()
            .AddSubscription<SlotUnavailableIntegrationEvent, SlotUnavailableHandler>()
            .AddSubscription<UserDeletedIntegrationEvent, UserDeletedHandler>()
            .AddSubscription<StockShortfallIntegrationEvent, StockShortfallHandler>()
            .AddSubscription<ShipmentBookedIntegrationEvent, ShipmentBookedHandler>()
            .AddSubscription<ShipmentDispatchedIntegrationEvent, ShipmentDispatchedHandler>()
            .AddSubscription<ShipmentDeliveredIntegrationEvent, ShipmentDeliveredHandler>()
            .AddSubscription<ShipmentFailedIntegrationEvent, ShipmentFailedHandler>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOrderingApi(this IEndpointRouteBuilder app)
    {
        app.MapBasketApi();
        app.MapOrdersApi();
        app.MapOrderMetricsApi();
        app.MapOrderHistoryApi();
        app.MapPickingApi();
        app.MapDispatchApi();
        app.MapPaymentsApi();
        return app;
    }
}
