using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Delivery.Apis;

public static class ShipmentsApi
{
    public static IEndpointRouteBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/shipments").WithTags("Shipments");
        api.MapGet("/{orderId:guid}", GetShipmentAsync).RequireAuthorization(GroceryPolicies.Customer);
        return app;
    }

    /// <summary>The tracking timeline; another shopper's order is reported as not found, not forbidden.</summary>
    public static async Task<Results<Ok<ShipmentResponse>, NotFound>> GetShipmentAsync(
        Guid orderId, ClaimsPrincipal user, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var shipment = await db.Shipments.AsNoTracking().SingleOrDefaultAsync(s => s.OrderId == orderId, cancellationToken);
        var isStaff = user.IsInRole(GroceryRoles.Picker) || user.IsInRole(GroceryRoles.StoreManager) || user.IsInRole(GroceryRoles.Admin);
        if (shipment is null || (!isStaff && (shipment.UserId is null || shipment.UserId != user.GetUserId()))) return TypedResults.NotFound();
        return TypedResults.Ok(new ShipmentResponse(shipment.Id, shipment.OrderId, shipment.Carrier, shipment.CarrierReference,
            shipment.Status.ToString(), shipment.WindowStart, shipment.WindowEnd,
            shipment.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                .Select(e => new ShipmentEventResponse(e.Status.ToString(), e.OccurredAt, e.Description, e.Source)).ToList()));
    }
}
