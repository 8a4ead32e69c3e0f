using System.Globalization;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

public sealed class StockReservationFailedHandler(OrderSaga saga) : IIntegrationEventHandler<StockReservationFailedIntegrationEvent>
{
    public Task HandleAsync(StockReservationFailedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        saga.OnStockUnavailableAsync(@event.OrderId, order => Describe(order, @event.Shortfalls), cancellationToken);

    /// <summary>Names the products the shopper could not get, e.g. "Bananas (2 of 5 available)".</summary>
    private static string Describe(Order order, IReadOnlyList<StockShortfallLine> shortfalls) =>
        string.Join(", ", shortfalls.Select(s =>
        {
            var name = order.Items.FirstOrDefault(i => i.Sku == s.Sku)?.Name ?? s.Sku;
            return s.Available <= 0
                ? name
                : string.Create(CultureInfo.InvariantCulture, $"{name} ({s.Available:0.###} of {s.Requested:0.###} available)");
        }));
}
