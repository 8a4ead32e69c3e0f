namespace Grocery.Ordering.Basket;

/// <summary>A line as stored. SeenPrice is the last price shown to the shopper, so a change can be flagged.</summary>
public sealed record BasketLine(
    Guid ProductId,
    decimal Quantity,
    SubstitutionPreference Substitution,
    string? SubstituteSku,
    string? Note,
    decimal? SeenPrice,
    DateTimeOffset AddedAt);
