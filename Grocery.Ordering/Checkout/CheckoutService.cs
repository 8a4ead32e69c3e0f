using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grocery.Messaging.Outbox;
using Grocery.Ordering.Addresses;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Basket;
using Grocery.Ordering.Clients;
using Grocery.Ordering.Payments;
using Grocery.Ordering.Picking;
using Grocery.Ordering.Saga;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grocery.Ordering.Checkout;

/// <summary>
/// The synchronous part of placing an order: basket, zone, minimum, slot hold (validated and
/// extended by Delivery), price snapshot; then the order and OrderPlaced commit together.
/// </summary>
public sealed class CheckoutService(
    OrderingDbContext db,
    IIntegrationEventOutbox outbox,
    BasketStore baskets,
    BasketPricer pricer,
    IDeliveryClient delivery,
    IPaymentProcessor payments,
    CheckoutAddressResolver addresses,
    DropOffAddressProtector protector,
    ShelfSnapshot shelves,
    TimeProvider time,
    IOptions<OrderingOptions> options,
    ILogger<CheckoutService> logger)
{
    public async Task<CheckoutResult> CheckoutAsync(string userId, string? idempotencyKey, CheckoutRequest request, CancellationToken cancellationToken)
    {
        if (Validate(idempotencyKey, request) is { } invalid) return invalid;
        var key = idempotencyKey!;
        var hash = HashOf(request);
        if (await EarlierAsync(userId, key, hash, request.SlotHoldId!.Value, cancellationToken) is { } earlier) return earlier;

        var result = await PlaceAsync(userId, key, hash, request, cancellationToken);
        // A parallel duplicate may have placed the order since the check above, emptying the basket
        // and (once Delivery confirmed it) ending the hold: the shopper gets that order, not an error.
        // A parallel checkout under another key may have taken the hold: that is a conflict, not a lapsed hold.
        return result is CheckoutResult.Invalid
            ? await EarlierAsync(userId, key, hash, request.SlotHoldId!.Value, cancellationToken) ?? result
            : result;
    }

    private async Task<CheckoutResult> PlaceAsync(string userId, string key, string hash, CheckoutRequest request, CancellationToken cancellationToken)
    {
        var basket = await baskets.GetAsync(BasketOwner.ForUser(userId));
        if (basket.Lines.Count == 0) return new CheckoutResult.Invalid("basket", "Your basket is empty.");

        if (basket.Lines.Count > OrderingLimits.MaxBasketLines)
            return new CheckoutResult.Invalid("basket", $"A basket holds at most {OrderingLimits.MaxBasketLines} products; remove some to continue.");

        var (address, addressProblem) = await addresses.ResolveAsync(request, cancellationToken);
        if (addressProblem is not null) return addressProblem;
        var postcode = NullIfBlank(address!.Postcode);
        var district = NullIfBlank(address.District);
        var priced = await pricer.PriceAsync(basket, postcode, district, cancellationToken);
        if (priced.Zone is not { } zone)
            return new CheckoutResult.Invalid(request.AddressId is not null ? "addressId" : postcode is null ? "address.district" : "address.postcode",
                "We do not deliver to this address yet.");
        if (priced.Lines.FirstOrDefault(l => !l.Available) is { } gone)
            return new CheckoutResult.Invalid("basket", $"A product in your basket ({gone.Line.ProductId}) is no longer sold; remove it to continue.");
        // Lines stored before a rule existed (or a product switched between weighed and counted) are checked again.
        foreach (var line in priced.Lines)
        {
            var stored = basket.Lines.First(l => l.ProductId == line.Line.ProductId);
            if (BasketRules.Problem(stored, line.Line.SoldByWeight) is { } problem)
                return new CheckoutResult.Invalid("basket", $"The line for {line.Line.Name} ({line.Line.ProductId}) cannot be ordered: {problem} Change it to continue.");
        }
        if (!priced.Summary.MeetsMinimum)
            return new CheckoutResult.Invalid("basket", string.Create(CultureInfo.InvariantCulture,
                $"The minimum order in your area is {zone.MinimumBasketValue:#,0} ₫; your basket is {priced.Summary.Subtotal:#,0} ₫."));

        var lines = priced.Orderable.ToList();
        var extension = await delivery.ExtendHoldAsync(request.SlotHoldId!.Value, lines.Sum(l => l.LineTotal), cancellationToken);
        if (extension.Hold is not { } hold)
            return new CheckoutResult.Invalid("slotHoldId", $"Your delivery slot is no longer held: {extension.Problem} Please choose a slot again.");
        if (hold.ZoneId != zone.ZoneId)
            return new CheckoutResult.Invalid("slotHoldId", "The held delivery slot is for another delivery area than this address.");
        var now = time.GetUtcNow();
        if (hold.ExpiresAt - Order.HoldSafetyMargin <= now)
            return new CheckoutResult.Invalid("slotHoldId", "Your delivery slot hold is about to expire. Please choose a slot again.");

        var fee = hold.DeliveryFee;
        if (fee < 0 || lines.Sum(l => l.LineTotal) + fee > OrderingLimits.MaxAmount)
            return new CheckoutResult.Invalid("basket", "The order total is larger than an order can be; split it into several orders.");
        var draft = new OrderDraft(
            Guid.CreateVersion7(now), userId, key, hash, zone.WarehouseId, zone.ZoneId, hold.SlotId, hold.HoldId,
            hold.WindowStart, hold.WindowEnd, hold.ExpiresAt, postcode, district,
            request.PaymentMethod ?? PaymentMethod.CashOnDelivery, lines, fee, zone.MinimumBasketValue);
        var order = Order.Place(draft, now, options.Value.SagaTimeout);
        var snapshot = OrderAddress.For(order, protector.Protect(address), now);
        order.DeliverTo(snapshot);
        await shelves.ApplyAsync(order, priced.Products?.Values.ToList() ?? [], cancellationToken);
        db.Orders.Add(order);
        db.OrderAddresses.Add(snapshot);
        outbox.Add(OrderEvents.Placed(order));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The key or the hold (both unique) was taken by a concurrent checkout; the key decides first,
            // so a duplicate of the winning request still gets the winning order.
            db.ChangeTracker.Clear();
            return await EarlierAsync(userId, key, hash, hold.HoldId, cancellationToken)
                ?? throw new InvalidOperationException("A unique index refused the order but no order holds its key or hold.", e);
        }

        try
        {
            await baskets.DeleteAsync(BasketOwner.ForUser(userId));
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException)
        {
            logger.LogWarning(e, "Order {OrderId} placed but the basket could not be emptied", order.Id);
        }
        return new CheckoutResult.Placed(order);
    }

    /// <summary>
    /// What an earlier checkout decided, in one round trip: the order under this key (a repeat, or the key
    /// reused for another request) and otherwise the order already backing this hold. The key decides
    /// first, so a duplicate of the winning request gets the winning order.
    /// </summary>
    private async Task<CheckoutResult?> EarlierAsync(string userId, string key, string hash, Guid holdId, CancellationToken cancellationToken)
    {
        var earlier = await db.Orders.AsNoTracking()
            .Where(o => (o.UserId == userId && o.IdempotencyKey == key) || o.SlotHoldId == holdId)
            .ToListAsync(cancellationToken);
        if (earlier.Find(o => o.UserId == userId && o.IdempotencyKey == key) is { } existing)
            return existing.RequestHash == hash ? new CheckoutResult.Repeated(existing) : new CheckoutResult.KeyReused();
        return earlier.Find(o => o.SlotHoldId == holdId) is { } backing
            ? new CheckoutResult.HoldTaken(backing.UserId == userId ? backing.Id : null)
            : null;
    }

    private CheckoutResult.Invalid? Validate(string? idempotencyKey, CheckoutRequest request)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
            return new("idempotencyKey", "Send an Idempotency-Key header so a retried checkout cannot place a second order.");
        if (StoredText.Check(idempotencyKey, OrderingLimits.IdempotencyKeyMaxLength) is { } keyProblem)
            return new("idempotencyKey", $"The Idempotency-Key is not acceptable: {keyProblem}");
        if (request.SlotHoldId is null || request.SlotHoldId == Guid.Empty)
            return new("slotHoldId", "Choose a delivery slot first.");
        if (AddressRules.Validate(request.Postcode, request.District).FirstOrDefault() is { Key: not null } address)
            return new(address.Key, address.Value[0]);
        if (request.PaymentMethod is { } undefined && !Enum.IsDefined(undefined))
            return new("paymentMethod", $"Choose one of {string.Join(", ", Enum.GetNames<PaymentMethod>())}.");
        if (request.PaymentMethod is { } method && !payments.Supports(method))
            return new("paymentMethod", $"{method} payments are not available here; choose {PaymentMethod.CashOnDelivery}.");
        return CheckoutAddressResolver.Validate(request);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string HashOf(CheckoutRequest request)
    {
        var normalized = request with
        {
            Postcode = request.Postcode?.Trim().ToUpperInvariant(),
            District = request.District?.Trim().ToUpperInvariant(),
            PaymentMethod = request.PaymentMethod ?? PaymentMethod.CashOnDelivery,
        };
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(normalized, RemoteJson.Options))));
    }
}
