using Grocery.Ordering.Addresses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Ordering.Apis;

/// <summary>
/// What Delivery needs from Ordering to hand an order over, asked with Delivery's service token.
/// The gateway routes no /api/v1/dispatch path, so shoppers never reach it.
/// </summary>
public static class DispatchApi
{
    public static IEndpointRouteBuilder MapDispatchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/dispatch").WithTags("Dispatch").RequireAuthorization(GroceryPolicies.Service);
        api.MapGet("/{orderId:guid}/drop-off", GetDropOffAsync)
            .WithSummary("The decrypted drop-off address of an order, for the carrier booking")
            .Produces<DropOffResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>404 for an unknown order, and for one whose address was erased or never taken (placed before checkout took addresses).</summary>
    public static async Task<Results<Ok<DropOffResponse>, NotFound>> GetDropOffAsync(
        Guid orderId, OrderingDbContext db, DropOffAddressProtector protector, CancellationToken cancellationToken)
    {
        var payload = await db.OrderAddresses.AsNoTracking()
            .Where(a => db.Orders.Any(o => o.Id == orderId && o.DropOffAddressId == a.Id))
            .Select(a => a.ProtectedPayload)
            .SingleOrDefaultAsync(cancellationToken);
        if (payload is null) return TypedResults.NotFound();
        var address = protector.Unprotect(payload);
        return TypedResults.Ok(new DropOffResponse(
            address.RecipientName, address.Phone, address.Address, address.District, address.Postcode, address.Latitude, address.Longitude));
    }
}

/// <summary>Personal data: never logged. Postcode is absent when the shopper's saved address has none.</summary>
public sealed record DropOffResponse(
    string RecipientName, string Phone, string Address, string District, string? Postcode, double? Latitude, double? Longitude)
{
    /// <summary>Personal data stays out of logs and exception messages even when the whole record is formatted.</summary>
    public override string ToString() => "DropOffResponse { redacted }";
}
