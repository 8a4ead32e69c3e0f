using System.Security.Claims;
using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Inventory.Apis;

/// <summary>
/// Reservations by order id. A customer works on their own orders only (another's is a 404);
/// staff and service tokens on any. Confirming (holding stock until slot end) is for staff and services.
/// </summary>
public static class ReservationsApi
{
    public static IEndpointRouteBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reservations").WithTags("Reservations").RequireAuthorization(GroceryPolicies.Customer);
        api.MapPost("/", CreateReservation);
        api.MapGet("/{orderId:guid}", GetReservation);
        api.MapPost("/{orderId:guid}/confirm", ConfirmReservation).RequireAuthorization(Callers.StaffOrServicePolicy);
        api.MapPost("/{orderId:guid}/release", ReleaseReservation);
        return app;
    }

    public static async Task<Results<Created<ReservationView>, Ok<ReservationView>, Conflict<ReservationView>, ValidationProblem, NotFound>> CreateReservation(
        CreateReservationRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        StockService stock,
        CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        Guid? keyAsOrderId = Guid.TryParse(idempotencyKey, out var k) ? k : null;
        var orderId = request.OrderId ?? keyAsOrderId;
        if (orderId is null || orderId == Guid.Empty)
            validation.Add("orderId", "An order id is required (in the body or as a GUID Idempotency-Key).");
        else if (keyAsOrderId is not null && keyAsOrderId != orderId)
            validation.Add("orderId", "The order id differs from the Idempotency-Key.");
        validation.Require(request.WarehouseId != Guid.Empty, "warehouseId", "A warehouse is required.");
        validation.Lines(request.Lines, (line, path) =>
        {
            validation.Sku(line.Sku, $"{path}.sku");
            validation.Quantity(line.Quantity, $"{path}.quantity");
        });
        var staff = user.IsStaffOrService();
        var userId = staff ? request.UserId : user.UserGuid();
        if (!staff && request.UserId is not null && request.UserId != userId)
            validation.Add("userId", "A customer reserves for their own orders only.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        ReservationView reservation;
        try
        {
            reservation = await stock.ReserveAsync(new ReserveStock(orderId!.Value, request.WarehouseId, userId,
                [.. request.Lines!.Select(l => new StockLine(l.Sku!, l.Quantity))], user.Actor()), cancellationToken);
        }
        catch (UnknownWarehouseException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["warehouseId"] = ["The warehouse does not exist."] });
        }

        if (!staff && reservation.UserId != userId) return TypedResults.NotFound();
        if (reservation.Status == "failed") return TypedResults.Conflict(reservation);
        return reservation.Created
            ? TypedResults.Created($"/api/v1/reservations/{reservation.OrderId}", reservation)
            : TypedResults.Ok(reservation);
    }

    public static async Task<Results<Ok<ReservationView>, NotFound>> GetReservation(
        Guid orderId, ClaimsPrincipal user, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var reservation = await ReservationQueries.FindAsync(db, orderId, cancellationToken);
        if (reservation is null || !CanSee(user, reservation)) return TypedResults.NotFound();
        return TypedResults.Ok(reservation);
    }

    public static async Task<Results<Ok<ReservationView>, Conflict<ReservationView>, ValidationProblem, NotFound>> ConfirmReservation(
        Guid orderId, ConfirmReservationRequest request, ClaimsPrincipal user, StockService stock, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.SlotWindowEnd(request.SlotWindowEnd, stock.Now, "slotWindowEnd");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var reservation = await stock.ConfirmAsync(orderId, request.SlotWindowEnd, user.Actor(), cancellationToken);
        if (reservation is null) return TypedResults.NotFound();
        return reservation.Status == "confirmed" ? TypedResults.Ok(reservation) : TypedResults.Conflict(reservation);
    }

    public static async Task<Results<Ok<ReservationView>, NotFound, ValidationProblem>> ReleaseReservation(
        Guid orderId, ReleaseReservationRequest? request, ClaimsPrincipal user, InventoryDbContext db, StockService stock,
        CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Text(request?.Reason, "reason", InventoryLimits.ReasonLength, multiline: true);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!user.IsStaffOrService())
        {
            var existing = await ReservationQueries.FindAsync(db, orderId, cancellationToken);
            if (existing is null || !CanSee(user, existing)) return TypedResults.NotFound();
        }
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "released through the API" : request.Reason;
        var reservation = await stock.ReleaseAsync(orderId, user.Actor(), reason, cancellationToken);
        return reservation is null ? TypedResults.NotFound() : TypedResults.Ok(reservation);
    }

    private static bool CanSee(ClaimsPrincipal user, ReservationView reservation) =>
        user.IsStaffOrService() || (reservation.UserId is not null && reservation.UserId == user.UserGuid());
}
