using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Firestore.Projection;

/// <summary>
/// The version that orders one document's events. The events carry none yet, so it is the Kafka
/// offset: every event of a document has the same key, hence the same partition, where offsets
/// grow in publication order; a redelivery repeats its offset and a replayed dead letter keeps its
/// old one, so neither can move a document back.
/// </summary>
public static class ProjectionVersion
{
    // Plus one: a partition's first offset is 0, and 0 is "nothing written yet" in the checkpoint.
    public static long Of(IntegrationEventContext context) => context.Offset + 1;
}

/// <summary>Records the stock document's new state in the handler's transaction; the flusher sends it.</summary>
public sealed class StockLevelProjectionHandler<TDbContext>(TDbContext db, TimeProvider time)
    : IIntegrationEventHandler<StockLevelChangedIntegrationEvent>
    where TDbContext : DbContext
{
    public Task HandleAsync(StockLevelChangedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        LiveDocumentStore.RecordAsync(db, LiveDocuments.Stock(e, ProjectionVersion.Of(context)), time.GetUtcNow(), cancellationToken);
}

/// <summary>Records the slot document's new state in the handler's transaction; the flusher sends it.</summary>
public sealed class SlotAvailabilityProjectionHandler<TDbContext>(TDbContext db, TimeProvider time)
    : IIntegrationEventHandler<SlotAvailabilityChangedIntegrationEvent>
    where TDbContext : DbContext
{
    public Task HandleAsync(SlotAvailabilityChangedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        LiveDocumentStore.RecordAsync(db, LiveDocuments.Slot(e, ProjectionVersion.Of(context)), time.GetUtcNow(), cancellationToken);
}
