using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grocery.Firestore.Projection;

public static class FirestoreProjectionExtensions
{
    /// <summary>
    /// Inventory: projects <see cref="StockLevelChangedIntegrationEvent"/> into <c>stock/{warehouse}_{sku}</c>.
    /// The DbContext must map <see cref="LiveDocumentModelBuilderExtensions.AddFirestoreProjectionTables"/>.
    /// </summary>
    public static EventBusBuilder ProjectStockLevelsToFirestore<TDbContext>(this EventBusBuilder bus)
        where TDbContext : DbContext =>
        bus.AddFirestoreProjection<TDbContext>(b => b.AddSubscription<StockLevelChangedIntegrationEvent, StockLevelProjectionHandler<TDbContext>>());

    /// <summary>Delivery: projects <see cref="SlotAvailabilityChangedIntegrationEvent"/> into <c>slots/{zone}_{slotId}</c>.</summary>
    public static EventBusBuilder ProjectSlotAvailabilityToFirestore<TDbContext>(this EventBusBuilder bus)
        where TDbContext : DbContext =>
        bus.AddFirestoreProjection<TDbContext>(b => b.AddSubscription<SlotAvailabilityChangedIntegrationEvent, SlotAvailabilityProjectionHandler<TDbContext>>());

    private static EventBusBuilder AddFirestoreProjection<TDbContext>(this EventBusBuilder bus, Action<EventBusBuilder> subscribe)
        where TDbContext : DbContext
    {
        var services = bus.Services;
        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(s => s.ServiceType == typeof(FirestoreProjectionStatus)))
        {
            services.AddSingleton<FirestoreProjectionStatus>();
            services.AddHealthChecks().Add(new HealthCheckRegistration(FirestoreProjectionStatus.HealthCheckName,
                sp => sp.GetRequiredService<FirestoreProjectionStatus>(), HealthStatus.Degraded, tags: null));
            services.AddOptions<FirestoreProjectionOptions>().BindConfiguration($"{FirestoreOptions.SectionName}:Projection");
        }
        // Without Firestore the service runs as before: no subscription, no flusher, health Degraded.
        if (!bus.Host.AddFirestoreClient())
        {
            return bus;
        }
        subscribe(bus);
        if (!services.Any(s => s.ImplementationType == typeof(LiveDocumentFlusher<TDbContext>)))
        {
            services.AddSingleton<LiveDocumentFlusher<TDbContext>>();
            services.AddHostedService(sp => sp.GetRequiredService<LiveDocumentFlusher<TDbContext>>());
        }
        return bus;
    }
}
