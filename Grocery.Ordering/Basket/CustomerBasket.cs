namespace Grocery.Ordering.Basket;

public sealed record CustomerBasket(IReadOnlyList<BasketLine> Lines)
{
    public static CustomerBasket Empty { get; } = new([]);

    public CustomerBasket Upsert(BasketLine line) =>
        new(Lines.Any(l => l.ProductId == line.ProductId)
            ? Lines.Select(l => l.ProductId == line.ProductId ? line with { AddedAt = l.AddedAt, SeenPrice = l.SeenPrice } : l).ToList()
            : [.. Lines, line]);

    public CustomerBasket Remove(Guid productId) => new(Lines.Where(l => l.ProductId != productId).ToList());

    /// <summary>Guest lines join the account's; a product in both keeps the larger quantity so merging twice changes nothing.</summary>
    public CustomerBasket MergeFrom(CustomerBasket guest)
    {
        var merged = Lines.ToDictionary(l => l.ProductId);
        foreach (var line in guest.Lines)
            merged[line.ProductId] = merged.TryGetValue(line.ProductId, out var existing)
                ? existing with { Quantity = Math.Max(existing.Quantity, line.Quantity), Note = existing.Note ?? line.Note }
                : line;
        return new(merged.Values.OrderBy(l => l.AddedAt).ToList());
    }
}
