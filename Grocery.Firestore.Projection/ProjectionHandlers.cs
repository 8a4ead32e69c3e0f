using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Firestore.Projection;

/// <summary>
/// The version that orders one document's events: the row's change counter the event carries, so a
/// redelivered, replayed or reordered event can never move a document back. An event published before
/// versions existed carries 0; it counts as 1, the version every row had when versions came, so any
/// versioned event of the same row outranks it: it fills a document nothing newer has written, nothing more.
/// </summary>
public static class ProjectionVersion
{
    // Not the Kafka offset: the checkpoint compares versions across the switch, and offsets of old
    // events would outrank every row counter.
    public static long Of(long eventVersion) => Math.Max(eventVersion, 1);
}

/// <summary>Records the stock document's new state in the handler's transaction; the flusher sends it.</summary>
public sealed class StockLevelProjectionHandler<TDbContext>(TDbContext db, TimeProvider time)
    : IIntegrationEventHandler<StockLevelChangedIntegrationEvent>
    where TDbContext : DbContext
{
    public Task HandleAsync(StockLevelChangedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        LiveDocumentStore.RecordAsync(db, LiveDocuments.Stock(e, ProjectionVersion.Of(e.Version)), time.GetUtcNow(), cancellationToken);
}

/// <summary>Records the slot document's new state in the handler's transaction; the flusher sends it.</summary>
public sealed class SlotAvailabilityProjectionHandler<TDbContext>(TDbContext db, TimeProvider time)
    : IIntegrationEventHandler<SlotAvailabilityChangedIntegrationEvent>
    where TDbContext : DbContext
{
    public Task HandleAsync(SlotAvailabilityChangedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        LiveDocumentStore.RecordAsync(db, LiveDocuments.Slot(e, ProjectionVersion.Of(e.Version)), time.GetUtcNow(), cancellationToken);
}
