using System.Globalization;
using System.Security.Claims;
using Grocery.Contracts.Delivery;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Domain;

namespace Grocery.Delivery.Shipping;

public enum DriverStepOutcome
{
    Applied,
    /// <summary>The shipment is already where the step would take it; nothing was published again.</summary>
    Repeated,
    NotFound,
    Forbidden,
    /// <summary>An external carrier's shipment: it moves by that carrier's webhooks only.</summary>
    NotInHouse,
    /// <summary>The step cannot follow the shipment's status (delivering before dispatch, anything after a final status).</summary>
    Impossible,
    Invalid,
}

public sealed record DriverStepResult(DriverStepOutcome Outcome, Shipment? Shipment = null, IDictionary<string, string[]>? Errors = null);

/// <summary>What a driver reports at the door.</summary>
public sealed record DeliveryReport(decimal? CashCollected, IReadOnlyList<RefusedLine> RefusedLines);

/// <summary>
/// The in-house fleet's steps, reported by a driver (or a store manager) of the shipment's warehouse.
/// Each step locks the shipment, so two taps on the same button publish one event.
/// </summary>
public sealed class DriverShipments(DeliveryDbContext db, ShipmentTracker tracker, TimeProvider time)
{
    public const string Source = "driver";

    public Task<DriverStepResult> DispatchAsync(Guid orderId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        StepAsync(orderId, user, ShipmentStatus.Dispatched, [ShipmentStatus.Booked], cancellationToken, shipment =>
        {
            tracker.Apply(shipment, CarrierShipmentState.Dispatched, time.GetUtcNow(), "The driver left the warehouse with the order.", Source);
            return null;
        });

    public Task<DriverStepResult> DeliverAsync(Guid orderId, ClaimsPrincipal user, DeliveryReport report, CancellationToken cancellationToken) =>
        StepAsync(orderId, user, ShipmentStatus.Delivered, [ShipmentStatus.Dispatched], cancellationToken, shipment =>
        {
            if (CashProblem(shipment, report.CashCollected) is { } problem)
                return new Dictionary<string, string[]> { ["cashCollected"] = [problem] };
            var description = "Delivered by the driver.";
            if (shipment.AmountToCollect > 0)
                description += string.Create(CultureInfo.InvariantCulture, $" Cash collected: {report.CashCollected:0} of {shipment.AmountToCollect:0} đồng.");
            if (report.RefusedLines.Count > 0)
                description += " Refused at the door: " + string.Join("; ", report.RefusedLines.Select(l =>
                    string.Create(CultureInfo.InvariantCulture, $"{l.Sku} × {l.Quantity:0.###}{(l.Reason is { Length: > 0 } r ? $" ({r})" : "")}"))) + ".";
            tracker.Apply(shipment, CarrierShipmentState.Delivered, time.GetUtcNow(),
                StoredText.Clip(description, DeliveryLimits.ShipmentEventDescriptionMaxLength), Source,
                shipment.AmountToCollect > 0 ? report.CashCollected : null, report.RefusedLines);
            return null;
        });

    public Task<DriverStepResult> FailAsync(Guid orderId, ClaimsPrincipal user, string reason, CancellationToken cancellationToken) =>
        StepAsync(orderId, user, ShipmentStatus.Failed, [ShipmentStatus.Booked, ShipmentStatus.Dispatched], cancellationToken, shipment =>
        {
            tracker.Apply(shipment, CarrierShipmentState.Failed, time.GetUtcNow(), reason, Source);
            return null;
        });

    /// <summary>Cash on delivery (an amount to collect) needs the cash taken, in whole đồng and at most what was due.</summary>
    private static string? CashProblem(Shipment shipment, decimal? cash)
    {
        if (shipment.AmountToCollect <= 0)
            return cash is null or 0 ? null : "This order was paid before delivery; there is no cash to collect.";
        if (cash is not { } amount) return $"Cash on delivery: give the cash collected (due: {shipment.AmountToCollect:0} đồng).";
        if (amount < 0 || amount > shipment.AmountToCollect) return $"Between 0 and {shipment.AmountToCollect:0} đồng (the amount due).";
        if (amount != decimal.Truncate(amount)) return "Whole đồng.";
        return null;
    }

    private async Task<DriverStepResult> StepAsync(Guid orderId, ClaimsPrincipal user, ShipmentStatus target, ShipmentStatus[] from,
        CancellationToken cancellationToken, Func<Shipment, IDictionary<string, string[]>?> apply)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shipment = await db.Shipments
            .FromSql($"SELECT * FROM delivery.shipments WHERE order_id = {orderId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (shipment is null) return new(DriverStepOutcome.NotFound);
        if (!user.MayWorkIn(shipment.WarehouseId)) return new(DriverStepOutcome.Forbidden, shipment);
        if (shipment.Carrier != CarrierRegistry.InHouse) return new(DriverStepOutcome.NotInHouse, shipment);
        if (shipment.Status == target) return new(DriverStepOutcome.Repeated, shipment);
        if (!from.Contains(shipment.Status)) return new(DriverStepOutcome.Impossible, shipment);
        if (apply(shipment) is { } errors) return new(DriverStepOutcome.Invalid, shipment, errors);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(DriverStepOutcome.Applied, shipment);
    }
}
