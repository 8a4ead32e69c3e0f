using System.Security.Claims;
using System.Text.Json;
using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Inventory.Apis;

/// <summary>
/// Reservations by order id. A customer works on their own orders only (another's is a 404);
/// staff on those of the warehouse they are assigned to (403 elsewhere), admins and services on any.
/// Confirming (holding stock until slot end) and reserving substitutes are for staff and services.
/// </summary>
public static class ReservationsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored key is the order id and the caller's key, so two orders never share an answer.</summary>
    private static readonly int SubstitutionKeyLength = InventoryLimits.IdempotencyKeyLength - 33;

    public static IEndpointRouteBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reservations").WithTags("Reservations").RequireAuthorization(GroceryPolicies.Customer);
        api.MapPost("/", CreateReservation)
            .WithSummary("Reserve stock for every line of an order or none (409 with the shortfalls); a repeat for the same order returns its reservation");
        api.MapGet("/{orderId:guid}", GetReservation)
            .WithSummary("Show an order's reservation; a customer sees only their own");
        api.MapPost("/{orderId:guid}/confirm", ConfirmReservation).RequireAuthorization(Callers.StaffOrServicePolicy)
            .WithSummary("Confirm an order's pending reservation so its stock stays held until the slot window ends (staff and services)");
        api.MapPost("/{orderId:guid}/release", ReleaseReservation)
            .WithSummary("Release an order's reservation, giving its stock back; a customer only their own");
        api.MapPost("/{orderId:guid}/substitutions", ReserveSubstitute).RequireAuthorization(Callers.StaffOrServicePolicy)
            .WithSummary("Reserve a substitute for a line of an order being picked")
            .WithDescription("Reserves the quantity of the substitute SKU in the reservation's warehouse, never more than is available. " +
                             "Requires an Idempotency-Key; the same key answers the same again. The original line stays reserved until the order is picked.")
            .Produces<ReservationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Created<ReservationView>, Ok<ReservationView>, Conflict<ReservationView>, ValidationProblem, NotFound, ProblemHttpResult>> CreateReservation(
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
        if (staff && !user.MayWorkIn(request.WarehouseId)) return Callers.NotYourWarehouse(request.WarehouseId);

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

    public static async Task<Results<Ok<ReservationView>, NotFound, ProblemHttpResult>> GetReservation(
        Guid orderId, ClaimsPrincipal user, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var reservation = await ReservationQueries.FindAsync(db, orderId, cancellationToken);
        if (reservation is null || !CanSee(user, reservation)) return TypedResults.NotFound();
        if (user.IsStaffOrService() && !user.MayWorkIn(reservation.WarehouseId)) return Callers.NotYourWarehouse(reservation.WarehouseId);
        return TypedResults.Ok(reservation);
    }

    public static async Task<Results<Ok<ReservationView>, Conflict<ReservationView>, ValidationProblem, NotFound, ProblemHttpResult>> ConfirmReservation(
        Guid orderId, ConfirmReservationRequest request, ClaimsPrincipal user, InventoryDbContext db, StockService stock, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.SlotWindowEnd(request.SlotWindowEnd, stock.Now, "slotWindowEnd");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var warehouseId = await WarehouseOfAsync(db, orderId, cancellationToken);
        if (warehouseId is null) return TypedResults.NotFound();
        if (!user.MayWorkIn(warehouseId.Value)) return Callers.NotYourWarehouse(warehouseId.Value);
        var reservation = await stock.ConfirmAsync(orderId, request.SlotWindowEnd, user.Actor(), cancellationToken);
        if (reservation is null) return TypedResults.NotFound();
        return reservation.Status == "confirmed" ? TypedResults.Ok(reservation) : TypedResults.Conflict(reservation);
    }

    public static async Task<Results<Ok<ReservationView>, NotFound, ValidationProblem, ProblemHttpResult>> ReleaseReservation(
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
        else
        {
            var warehouseId = await WarehouseOfAsync(db, orderId, cancellationToken);
            if (warehouseId is null) return TypedResults.NotFound();
            if (!user.MayWorkIn(warehouseId.Value)) return Callers.NotYourWarehouse(warehouseId.Value);
        }
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "released through the API" : request.Reason;
        var reservation = await stock.ReleaseAsync(orderId, user.Actor(), reason, cancellationToken);
        return reservation is null ? TypedResults.NotFound() : TypedResults.Ok(reservation);
    }

    /// <summary>
    /// A picker's substitute for a short line: reserved at once with a conditional update, so picking
    /// never oversells. Only a reserved substitute is stored under the key; a refusal leaves the key free.
    /// </summary>
    public static async Task<IResult> ReserveSubstitute(
        Guid orderId,
        SubstitutionRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        InventoryDbContext db,
        StockService stock,
        IdempotencyStore idempotency,
        CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Text(idempotencyKey, "Idempotency-Key", SubstitutionKeyLength, required: true);
        validation.Sku(request.OriginalSku, "originalSku");
        validation.Sku(request.Sku, "sku");
        validation.Quantity(request.Quantity, "quantity");
        if (validation.IsValid && request.Sku == request.OriginalSku) validation.Add("sku", "A substitute is another SKU than the original.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var warehouseId = await WarehouseOfAsync(db, orderId, cancellationToken);
        if (warehouseId is null) return UnknownReservation(orderId);
        if (!user.MayWorkIn(warehouseId.Value)) return Callers.NotYourWarehouse(warehouseId.Value);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = $"{orderId:N}:{idempotencyKey}";
        var earlier = await idempotency.ClaimAsync("substitution", key, cancellationToken);
        if (earlier is not null) return Results.Text(earlier.Response ?? "{}", "application/json", statusCode: earlier.StatusCode);

        var outcome = await stock.SubstituteAsync(orderId, request.OriginalSku!, request.Sku!, request.Quantity, user.Actor(), cancellationToken);
        switch (outcome?.Result)
        {
            case null:
                return UnknownReservation(orderId);
            case SubstitutionResult.NotEnoughStock:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not enough stock for the substitute.",
                    detail: $"{outcome.Available} of {request.Sku} available in the warehouse; {request.Quantity} requested.",
                    extensions: new Dictionary<string, object?> { ["sku"] = request.Sku, ["available"] = outcome.Available, ["requested"] = request.Quantity });
            case SubstitutionResult.ReservationInactive:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The reservation is no longer active.",
                    detail: $"The reservation is {outcome.Reservation.Status}; substitutes are added only to a pending or confirmed reservation.");
            case SubstitutionResult.UnknownOriginal:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["originalSku"] = ["The reservation has no line of this SKU."] });
        }

        await idempotency.CompleteAsync("substitution", key, StatusCodes.Status200OK, JsonSerializer.Serialize(outcome.Reservation, Json), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(outcome.Reservation);
    }

    private static ProblemHttpResult UnknownReservation(Guid orderId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown reservation.", detail: $"Inventory holds no reservation for order {orderId}.");

    private static Task<Guid?> WarehouseOfAsync(InventoryDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Reservations.AsNoTracking().Where(r => r.OrderId == orderId).Select(r => (Guid?)r.WarehouseId).SingleOrDefaultAsync(cancellationToken);

    private static bool CanSee(ClaimsPrincipal user, ReservationView reservation) =>
        user.IsStaffOrService() || (reservation.UserId is not null && reservation.UserId == user.UserGuid());
}
