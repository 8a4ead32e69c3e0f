using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

/// <summary>A write-off took stock reserved for the order: its lines are marked short before picking, so the picker sees them first.</summary>
public sealed class StockShortfallHandler(IServiceProvider services) : IIntegrationEventHandler<StockShortfallIntegrationEvent>
{
    public Task HandleAsync(StockShortfallIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        OrderStepRunner.ApplyAsync(services, @event.OrderId, (order, _, _) =>
            Task.FromResult(order?.RecordStockShortfall(@event.Lines.Select(l => (l.Sku, l.Available))) ?? false), cancellationToken);
}
