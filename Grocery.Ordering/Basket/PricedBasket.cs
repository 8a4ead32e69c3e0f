using Grocery.Ordering.Clients;

namespace Grocery.Ordering.Basket;

public sealed record PricedBasket(
    IReadOnlyList<PricedBasketLine> Lines,
    PriceSummary Summary,
    DeliveryZone? Zone,
    IReadOnlyDictionary<Guid, CatalogProduct>? Products = null)
{
    public IEnumerable<PricedLine> Orderable => Lines.Where(l => l.Available).Select(l => l.Line);
}

public sealed record PricedBasketLine(PricedLine Line, bool Available, bool PriceChanged, decimal? PreviousPrice);
