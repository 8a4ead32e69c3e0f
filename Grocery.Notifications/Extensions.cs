using Grocery.Contracts.Delivery;
using Grocery.Contracts.Identity;
using Grocery.Contracts.Ordering;
using Grocery.Messaging;
using Grocery.Messaging.DeadLetters;
using Grocery.Notifications.Apis;
using Grocery.Notifications.Background;
using Grocery.Notifications.Contacts;
using Grocery.Notifications.Email;
using Grocery.Notifications.IntegrationEvents.EventHandling;
using Grocery.Notifications.Notifying;
using Grocery.ServiceDefaults.ServiceTokens;

namespace Grocery.Notifications;

public static class Extensions
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsDbContext>(ResourceNames.NotificationsDb);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.Configure<NotificationsOptions>(builder.Configuration.GetSection(NotificationsOptions.SectionName));
        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.SectionName));
        builder.Services.Configure<MailQueueOptions>(builder.Configuration.GetSection(MailQueueOptions.SectionName));
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddSingleton<OutgoingMailSender>();
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddHostedService<OutgoingMailWorker>();
        builder.Services.AddHostedService<NotificationRetentionSweeper>();

        builder.AddServiceTokens();
        builder.Services.AddHttpClient<IShopperContacts, IdentityContactClient>(c =>
                c.BaseAddress = new Uri(builder.Configuration["Notifications:IdentityUrl"] ?? $"https+http://{ResourceNames.Identity}"))
            .AddServiceToken();

        builder.AddEventBus<NotificationsDbContext>(ResourceNames.Kafka)
            .AddSubscription<OrderPlacedIntegrationEvent, OrderPlacedHandler>()
            .AddSubscription<OrderConfirmedIntegrationEvent, OrderConfirmedHandler>()
            .AddSubscription<OrderPickedIntegrationEvent, OrderPickedHandler>()
            .AddSubscription<OrderPackedIntegrationEvent, OrderPackedHandler>()
            .AddSubscription<OrderCancelledIntegrationEvent, OrderCancelledHandler>()
            .AddSubscription<PaymentFailedIntegrationEvent, PaymentFailedHandler>()
            .AddSubscription<ShipmentBookedIntegrationEvent, ShipmentBookedHandler>()
            .AddSubscription<ShipmentDispatchedIntegrationEvent, ShipmentDispatchedHandler>()
            .AddSubscription<ShipmentDeliveredIntegrationEvent, ShipmentDeliveredHandler>()
            .AddSubscription<UserDeletedIntegrationEvent, UserDeletedHandler>();
        return builder;
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        NotificationsApi.MapNotificationsApi(app);
        app.MapDeadLetterApi();
        app.MapMailQueueApi();
        return app;
    }
}
