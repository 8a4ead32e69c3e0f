using System.Text.Json.Serialization;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Identity;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Background;
using Grocery.Ordering.Basket;
using Grocery.Ordering.Checkout;
using Grocery.Ordering.Clients;
using Grocery.Ordering.IntegrationEvents.EventHandling;
using Grocery.Ordering.Payments;
using Grocery.Ordering.Saga;
using Grocery.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
            .ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ForwardBearerTokenHandler>();
        builder.Services.AddHttpClient<ICatalogClient, CatalogClient>(c => c.BaseAddress = new Uri(builder.Configuration["Ordering:CatalogUrl"] ?? $"https+http://{ResourceNames.Catalog}"))
            .AddHttpMessageHandler<ForwardBearerTokenHandler>();
        builder.Services.AddHttpClient<IDeliveryClient, DeliveryClient>(c => c.BaseAddress = new Uri(builder.Configuration["Ordering:DeliveryUrl"] ?? $"https+http://{ResourceNames.Delivery}"))
            .AddHttpMessageHandler<ForwardBearerTokenHandler>();

        builder.Services.AddSingleton<BasketStore>();
        builder.Services.AddScoped<BasketPricer>();
        builder.Services.AddScoped<CheckoutService>();
        builder.Services.AddScoped<OrderSaga>();
        builder.Services.AddSingleton<IPaymentMethod, CashOnDeliveryPayment>();
        builder.Services.AddSingleton<IPaymentProcessor, PaymentProcessor>();
        builder.Services.AddHostedService<SagaTimeoutWorker>();

        builder.AddEventBus<OrderingDbContext>(ResourceNames.Kafka)
            .AddSubscription<StockReservedIntegrationEvent, StockReservedHandler>()
            .AddSubscription<StockReservationFailedIntegrationEvent, StockReservationFailedHandler>()
            .AddSubscription<SlotConfirmedIntegrationEvent, SlotConfirmedHandler>()
            .AddSubscription<SlotUnavailableIntegrationEvent, SlotUnavailableHandler>()
            .AddSubscription<UserDeletedIntegrationEvent, UserDeletedHandler>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOrderingApi(this IEndpointRouteBuilder app)
    {
        app.MapBasketApi();
        app.MapOrdersApi();
        app.MapPickingApi();
        return app;
    }
}
