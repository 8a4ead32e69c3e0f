using Grocery.Ordering.Basket;

namespace Grocery.Ordering.Apis;

public sealed record BasketResponse(
    Guid? BasketId,
    IReadOnlyList<BasketLineResponse> Lines,
    decimal Subtotal,
    IReadOnlyList<VatResponse> Vat,
    decimal DeliveryFee,
    decimal Total,
    bool IsEstimate,
    BasketZoneResponse? Zone,
    bool PricesChanged)
{
    public static BasketResponse From(PricedBasket basket, Guid? basketId) => new(
        basketId,
        basket.Lines.Select(l => new BasketLineResponse(
            l.Line.ProductId, l.Line.Sku, l.Line.Name, l.Line.Quantity, l.Line.SoldByWeight ? "kg" : "each",
            l.Line.UnitPrice, l.Line.LineTotal, l.Line.SoldByWeight, l.Line.VatRate, l.Available,
            l.PriceChanged, l.PreviousPrice, l.Line.Substitution, l.Line.SubstituteSku, l.Line.Note)).ToList(),
        basket.Summary.Subtotal,
        basket.Summary.Vat.Select(v => new VatResponse(v.Rate, v.Gross, v.Vat)).ToList(),
        basket.Summary.DeliveryFee,
        basket.Summary.Total,
        basket.Summary.IsEstimate,
        basket.Zone is { } zone
            ? new BasketZoneResponse(zone.ZoneId, zone.Name, zone.MinimumBasketValue, basket.Summary.MeetsMinimum,
                basket.Summary.MeetsMinimum ? 0 : zone.MinimumBasketValue - basket.Summary.Subtotal)
            : null,
        basket.Lines.Any(l => l.PriceChanged));
}

/// <summary>LineTotal of a weighed line (IsEstimate) is quantity × price per kg; the final amount follows the picked weight.</summary>
public sealed record BasketLineResponse(
    Guid ProductId,
    string Sku,
    string Name,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    decimal LineTotal,
    bool IsEstimate,
    int VatRate,
    bool Available,
    bool PriceChanged,
    decimal? PreviousPrice,
    SubstitutionPreference Substitution,
    string? SubstituteSku,
    string? Note);

public sealed record VatResponse(int Rate, decimal Gross, decimal Vat);

public sealed record BasketZoneResponse(Guid ZoneId, string? Name, decimal MinimumBasketValue, bool MeetsMinimum, decimal AmountToMinimum);

public sealed record UpdateBasketLineRequest(decimal Quantity, SubstitutionPreference? Substitution, string? SubstituteSku, string? Note);
