using Grocery.Contracts;
using Grocery.Contracts.Inventory;
using Grocery.Contracts.Ordering;
using Grocery.Inventory.Stock;
using Grocery.Messaging;
using Grocery.Messaging.Outbox;

namespace Grocery.Inventory.IntegrationEvents.EventHandling;

/// <summary>Reserves every line of the order (all or nothing) and answers StockReserved or StockReservationFailed.</summary>
public sealed class OrderPlacedHandler(InventoryDbContext db, StockService stock, IIntegrationEventOutbox outbox)
    : IIntegrationEventHandler<OrderPlacedIntegrationEvent>
{
    public async Task HandleAsync(OrderPlacedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var lines = e.Lines.Select(l => new StockLine(l.Sku, l.Quantity)).ToList();
        if (lines.Count == 0 || lines.Any(l => l.Quantity <= 0 || string.IsNullOrWhiteSpace(l.Sku))
            || !await db.Warehouses.AnyAsync(w => w.Id == e.WarehouseId, cancellationToken))
        {
            outbox.Add(new StockReservationFailedIntegrationEvent(e.OrderId, e.WarehouseId,
                [.. lines.Select(l => new StockShortfallLine(l.Sku, l.Quantity, 0))]));
            return;
        }

        await stock.ReserveAsync(new ReserveStock(e.OrderId, e.WarehouseId, e.UserId, lines, "event:order-placed"), cancellationToken,
            (reservation, transaction) => outbox.AddAsync(Reply(reservation), transaction, cancellationToken));
    }

    private static IIntegrationEvent Reply(ReservationView reservation) => reservation.IsActive || reservation.Status == "consumed"
        ? new StockReservedIntegrationEvent(reservation.OrderId, reservation.WarehouseId,
            [.. reservation.Lines.Select(l => new ReservedLine(l.Sku, l.Quantity))], reservation.ExpiresAt)
        : new StockReservationFailedIntegrationEvent(reservation.OrderId, reservation.WarehouseId,
            reservation.Shortfalls.Count > 0
                ? [.. reservation.Shortfalls.Select(s => new StockShortfallLine(s.Sku, s.Requested, s.Available))]
                : [.. reservation.Lines.Select(l => new StockShortfallLine(l.Sku, l.Quantity, 0))]);
}
