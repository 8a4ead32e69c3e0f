using Grocery.Ordering.Basket;
using Grocery.Ordering.Clients;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Ordering.Apis;

public static class BasketApi
{
    public static IEndpointRouteBuilder MapBasketApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/basket").WithTags("Basket");
        api.MapGet("/", GetBasketAsync)
            .WithSummary("The caller's basket priced now, with the zone's minimum and delivery fee when a postcode or district is given");
        api.MapPut("/lines/{productId:guid}", PutLineAsync)
            .WithSummary("Sets a product's quantity, substitution and note in the basket; a guest's first change creates their basket id");
        api.MapDelete("/lines/{productId:guid}", DeleteLineAsync)
            .WithSummary("Removes a product from the basket; removing one that is not there changes nothing");
        api.MapDelete("/", DeleteBasketAsync)
            .WithSummary("Empties the basket");
        api.MapPost("/merge", MergeAsync).RequireAuthorization(GroceryPolicies.Customer)
            .WithSummary("Moves the guest basket into the signed-in shopper's after login; merging twice is harmless");
        return app;
    }

    public static async Task<Results<Ok<BasketResponse>, ValidationProblem>> GetBasketAsync(
        HttpContext context, [AsParameters] BasketServices services, string? postcode, string? district, CancellationToken cancellationToken)
    {
        if (AddressRules.Validate(postcode, district) is { Count: > 0 } addressErrors) return TypedResults.ValidationProblem(addressErrors);
        if (BasketOwner.Resolve(context) is not { } owner)
            return TypedResults.Ok(BasketResponse.From(await services.Pricer.PriceAsync(CustomerBasket.Empty, postcode, district, cancellationToken), null));
        var basket = await services.Store.GetAsync(owner);
        return TypedResults.Ok(await PriceAndRememberAsync(owner, basket, services, postcode, district, cancellationToken));
    }

    public static async Task<Results<Ok<BasketResponse>, ValidationProblem>> PutLineAsync(
        HttpContext context, Guid productId, UpdateBasketLineRequest request, [AsParameters] BasketServices services, CancellationToken cancellationToken)
    {
        if (BasketRules.Validate(request) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var existing = BasketOwner.Resolve(context);
        // The product and the basket's other lines in one Catalog call: the basket is priced from it below.
        var before = existing is null ? CustomerBasket.Empty : await services.Store.GetAsync(existing);
        var products = await services.Catalog.GetProductsAsync([productId, .. before.Lines.Select(l => l.ProductId)], cancellationToken);
        if (!products.TryGetValue(productId, out var product))
            return Invalid("productId", "This product does not exist or is no longer sold.");
        if (QuantityRules.Validate(request.Quantity, product.SoldByWeight) is { } quantityError)
            return Invalid("quantity", quantityError);

        var owner = existing ?? BasketOwner.NewGuest(context);
        var line = new BasketLine(productId, BasketRules.Normalize(request.Quantity, product.SoldByWeight),
            request.Substitution ?? SubstitutionPreference.AnySimilar, NullIfBlank(request.SubstituteSku), NullIfBlank(request.Note),
            product.Price, services.Time.GetUtcNow());
        var full = false;
        // Checked inside the compare-and-set so concurrent additions cannot take the basket past the limit.
        var basket = await services.Store.UpdateAsync(owner, b =>
        {
            full = b.Lines.Count >= OrderingLimits.MaxBasketLines && b.Lines.All(l => l.ProductId != productId);
            return full ? b : b.Upsert(line);
        });
        if (full) return Invalid("productId", $"A basket holds at most {OrderingLimits.MaxBasketLines} products.");
        return TypedResults.Ok(await PriceAndRememberAsync(owner, basket, services, null, null, cancellationToken, products));
    }

    public static async Task<NoContent> DeleteLineAsync(HttpContext context, Guid productId, [AsParameters] BasketServices services)
    {
        if (BasketOwner.Resolve(context) is { } owner) await services.Store.UpdateAsync(owner, b => b.Remove(productId));
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeleteBasketAsync(HttpContext context, [AsParameters] BasketServices services)
    {
        if (BasketOwner.Resolve(context) is { } owner) await services.Store.DeleteAsync(owner);
        return TypedResults.NoContent();
    }

    /// <summary>Called by the client right after login with the guest basket id it kept; merging twice is harmless.</summary>
    public static async Task<Results<Ok<BasketResponse>, ValidationProblem>> MergeAsync(
        HttpContext context, [AsParameters] BasketServices services, CancellationToken cancellationToken)
    {
        if (BasketOwner.GuestBasketIdOf(context) is not { } guestId)
            return Invalid("basketId", $"Send the guest basket id in the {BasketOwner.HeaderName} header or the {BasketOwner.CookieName} cookie.");
        var user = BasketOwner.ForUser(context.User.GetUserId()!);
        var merged = await services.Store.MergeAsync(BasketOwner.ForGuest(guestId), user, OrderingLimits.MaxBasketLines);
        if (merged is null)
            return Invalid("basketId", $"Together the two baskets hold more than {OrderingLimits.MaxBasketLines} products; remove some before signing in again.");
        context.Response.Cookies.Delete(BasketOwner.CookieName);
        return TypedResults.Ok(await PriceAndRememberAsync(user, merged, services, null, null, cancellationToken));
    }

    /// <summary>Prices the basket and records the prices now shown, so each change is flagged once.</summary>
    internal static async Task<BasketResponse> PriceAndRememberAsync(
        BasketOwner owner, CustomerBasket basket, BasketServices services, string? postcode, string? district, CancellationToken cancellationToken,
        IReadOnlyDictionary<Guid, CatalogProduct>? known = null)
    {
        var priced = await services.Pricer.PriceAsync(basket, postcode, district, cancellationToken, known);
        var shown = priced.Lines.Where(l => l.Available).ToDictionary(l => l.Line.ProductId, l => l.Line.UnitPrice);
        if (basket.Lines.Any(l => shown.TryGetValue(l.ProductId, out var price) && l.SeenPrice != price))
            await services.Store.UpdateAsync(owner, b => new CustomerBasket(
                b.Lines.Select(l => shown.TryGetValue(l.ProductId, out var price) ? l with { SeenPrice = price } : l).ToList()));
        return BasketResponse.From(priced, owner.GuestBasketId);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed record BasketServices(BasketStore Store, BasketPricer Pricer, ICatalogClient Catalog, TimeProvider Time);
