using Grocery.Ordering.Clients;

namespace Grocery.Ordering.Basket;

/// <summary>Why a line of a past order did not go back into the basket.</summary>
public enum ReorderSkipReason
{
    /// <summary>Catalog no longer sells the product (deactivated or gone).</summary>
    NoLongerSold,

    /// <summary>The product changed how it is sold, and the old quantity is not one it can be ordered in.</summary>
    QuantityNotAllowed,

    /// <summary>The basket already holds as many products as a basket can.</summary>
    BasketFull,
}

public sealed record SkippedReorderLine(Guid ProductId, string Sku, string Name, decimal Quantity, ReorderSkipReason Reason, string Message);

/// <summary>
/// Puts a past order's products back into the shopper's basket: the product the shopper chose (not a
/// substitute picked for it), with the order's quantity and preferences. A product already in the basket
/// keeps its line with the larger quantity, so re-ordering twice changes nothing.
/// </summary>
public sealed class Reorder(BasketStore baskets, ICatalogClient catalog, TimeProvider time)
{
    public async Task<(CustomerBasket Basket, IReadOnlyList<SkippedReorderLine> Skipped)> IntoBasketAsync(
        Order order, BasketOwner owner, CancellationToken cancellationToken)
    {
        var products = await catalog.GetProductsAsync(order.Items.Select(i => i.ProductId).Distinct().ToList(), cancellationToken);
        var now = time.GetUtcNow();
        List<SkippedReorderLine> skipped = [];
        // The change may run again when a concurrent edit wins the compare-and-set, so it starts afresh each time.
        var basket = await baskets.UpdateAsync(owner, current =>
        {
            skipped = [];
            foreach (var item in order.Items)
            {
                if (!products.TryGetValue(item.ProductId, out var product))
                {
                    skipped.Add(Skip(item, ReorderSkipReason.NoLongerSold, $"{item.Name} is no longer sold."));
                    continue;
                }
                var existing = current.Lines.FirstOrDefault(l => l.ProductId == item.ProductId);
                var line = existing is null
                    ? new BasketLine(item.ProductId, BasketRules.Normalize(item.Quantity, product.SoldByWeight), item.Substitution, item.SubstituteSku, item.Note,
                        // What the shopper paid last time, so the basket flags a price that changed since.
                        item.UnitPrice, now)
                    : existing with { Quantity = Math.Max(existing.Quantity, BasketRules.Normalize(item.Quantity, product.SoldByWeight)) };
                if (BasketRules.Problem(line, product.SoldByWeight) is { } problem)
                {
                    skipped.Add(Skip(item, ReorderSkipReason.QuantityNotAllowed, $"{product.Name} cannot be ordered as before: {problem}"));
                    continue;
                }
                if (existing is null && current.Lines.Count >= OrderingLimits.MaxBasketLines)
                {
                    skipped.Add(Skip(item, ReorderSkipReason.BasketFull, $"Your basket already holds {OrderingLimits.MaxBasketLines} products."));
                    continue;
                }
                current = current.Upsert(line);
            }
            return current;
        });
        return (basket, skipped);
    }

    private static SkippedReorderLine Skip(OrderItem item, ReorderSkipReason reason, string message) =>
        new(item.ProductId, item.Sku, item.Name, item.Quantity, reason, message);
}
