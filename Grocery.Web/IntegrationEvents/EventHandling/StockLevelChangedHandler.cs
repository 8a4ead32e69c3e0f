using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Web.Shopping;

namespace Grocery.Web.IntegrationEvents.EventHandling;

/// <summary>Feeds every replica's <see cref="LiveStock"/>, which pushes the change to open product pages.</summary>
public sealed class StockLevelChangedHandler(LiveStock stock) : IIntegrationEventHandler<StockLevelChangedIntegrationEvent>
{
    public Task HandleAsync(StockLevelChangedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        stock.Apply(@event);
        return Task.CompletedTask;
    }
}
