using System.Security.Claims;
using Grocery.Delivery.Domain;
using Grocery.Delivery.Slots;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Grocery.Delivery.Apis;

public static class SlotsApi
{
    public static IEndpointRouteBuilder MapSlotsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/slots").WithTags("Slots");
        api.MapGet("/", ListSlotsAsync).AllowAnonymous()
            .WithSummary("The delivery slots of a zone for the coming days, with the places left, the fee and whether each can still be booked.");
        api.MapPatch("/{id:guid}", OverrideSlotAsync).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Changes a slot's capacity or closes it, in the caller's warehouse; capacity cannot go below the places already held or booked.");
        api.MapPost("/{id:guid}/holds", HoldSlotAsync).RequireAuthorization(GroceryPolicies.Customer)
            .WithSummary("Holds a place in a slot for the calling shopper, releasing their hold on another slot; holding the same slot again returns the existing hold.");
        api.MapPost("/holds/{holdId:guid}/extend", ExtendHoldAsync).RequireAuthorization(GroceryPolicies.Customer)
            .WithSummary("Extends the caller's active slot hold for checkout and prices the delivery for the given basket value.");
        api.MapDelete("/holds/{holdId:guid}", ReleaseHoldAsync).RequireAuthorization(GroceryPolicies.Customer)
            .WithSummary("Releases the caller's active slot hold, giving its place back.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<SlotResponse>>, NotFound, ValidationProblem>> ListSlotsAsync(
        Guid? zoneId, DeliveryDbContext db, TimeProvider time, Microsoft.Extensions.Options.IOptions<DeliveryOptions> options,
        CancellationToken cancellationToken)
    {
        if (zoneId is not { } id || id == Guid.Empty)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["zoneId"] = ["Choose a zone (see /api/v1/zones/lookup)."] });
        var zone = await db.Zones.AsNoTracking().SingleOrDefaultAsync(z => z.Id == id, cancellationToken);
        if (zone is null) return TypedResults.NotFound();

        var now = time.GetUtcNow();
        var until = now.AddDays(options.Value.CalendarDays + 1);
        var slots = await db.Slots.AsNoTracking()
            .Where(s => s.ZoneId == id && s.WindowEnd > now && s.WindowStart < until)
            .OrderBy(s => s.WindowStart)
            .ToListAsync(cancellationToken);
        var timeZone = zone.TimeZone;
        IReadOnlyList<SlotResponse> result = slots.Select(s => new SlotResponse(s.Id, s.ZoneId, s.WindowStart, s.WindowEnd,
            ZoneClock.ToLocal(s.WindowStart, timeZone), ZoneClock.ToLocal(s.WindowEnd, timeZone), s.CutoffAt,
            s.Capacity, s.Remaining, s.Fee, s.IsPeak, s.Closed, s.IsBookable(now))).ToList();
        return TypedResults.Ok(result);
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> OverrideSlotAsync(
        Guid id, SlotOverrideRequest request, ClaimsPrincipal user, DeliveryDbContext db, SlotOverrideService overrides, CancellationToken cancellationToken)
    {
        var warehouseId = await db.Slots.Where(s => s.Id == id).Join(db.Zones, s => s.ZoneId, z => z.Id, (s, z) => (Guid?)z.WarehouseId)
            .SingleOrDefaultAsync(cancellationToken);
        if (warehouseId is null) return TypedResults.NotFound();
        if (!user.MayWorkIn(warehouseId.Value)) return ShipmentsApi.Forbidden(warehouseId.Value);
        if (request.Capacity is null && request.Closed is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["capacity"] = ["Give a capacity, closed, or both."] });
        if (request.Capacity is < 0 or > DeliveryLimits.MaxSlotCapacity)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["capacity"] = [$"Capacity is between 0 and {DeliveryLimits.MaxSlotCapacity}."] });

        var outcome = await overrides.OverrideAsync(id, request.Capacity, request.Closed, cancellationToken);
        if (outcome.Applied) return TypedResults.NoContent();
        if (!outcome.Found) return TypedResults.NotFound();
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Capacity cannot go below the holds and bookings already taken.",
            detail: $"{outcome.Taken} places are already held or booked.", type: "https://grocery.local/problems/capacity-below-taken");
    }

    public static async Task<Results<Created<SlotHoldResponse>, Ok<SlotHoldResponse>, NotFound, ProblemHttpResult>> HoldSlotAsync(
        Guid id, ClaimsPrincipal user, SlotHoldService holds, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId()!;
        var result = await holds.HoldAsync(id, userId, cancellationToken);
        return result.Outcome switch
        {
            HoldOutcome.Held => TypedResults.Created($"/api/v1/slots/holds/{result.HoldId}",
                new SlotHoldResponse(result.HoldId!.Value, id, result.ExpiresAt!.Value, result.ReleasedSlotId)),
            HoldOutcome.Existing => TypedResults.Ok(new SlotHoldResponse(result.HoldId!.Value, id, result.ExpiresAt!.Value, null)),
            HoldOutcome.NotFound => TypedResults.NotFound(),
            HoldOutcome.PastCutoff => Conflict("The order cut-off for this slot has passed.", "slot-past-cutoff"),
            HoldOutcome.Closed => Conflict("This slot has been closed.", "slot-closed"),
            _ => Conflict("This slot is full.", "slot-full"),
        };
    }

    /// <summary><paramref name="basketValue"/> prices the delivery: the answer's DeliveryFee is what the order will be charged.</summary>
    public static async Task<Results<Ok<ExtendedHoldResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ExtendHoldAsync(
        Guid holdId, decimal? basketValue, ClaimsPrincipal user, SlotHoldService holds, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        if (basketValue is < 0 or > DeliveryLimits.MaxAmount)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["basketValue"] = [$"Between 0 and {DeliveryLimits.MaxAmount:0} đồng."] });
        var (outcome, hold) = await holds.ExtendAsync(holdId, user.GetUserId()!, cancellationToken);
        switch (outcome)
        {
            case ExtendOutcome.NotFound:
                return TypedResults.NotFound();
            case ExtendOutcome.NoLongerActive:
                return Conflict("The slot hold has expired or was released; choose a slot again.", "hold-expired");
            case ExtendOutcome.SlotClosed:
                return Conflict("The held slot has been closed; choose another slot.", "slot-closed");
            case ExtendOutcome.PastCutoff:
                return Conflict("The order cut-off for the held slot has passed; choose another slot.", "slot-past-cutoff");
        }
        var zone = await db.Zones.AsNoTracking().SingleAsync(z => z.Id == hold!.ZoneId, cancellationToken);
        return TypedResults.Ok(new ExtendedHoldResponse(hold!.HoldId, hold.SlotId, hold.ZoneId, zone.WarehouseId, hold.ExpiresAt,
            hold.WindowStart, hold.WindowEnd, hold.CutoffAt, hold.Fee, zone.MinimumBasketValue, zone.FreeDeliveryThreshold,
            zone.DeliveryFee(hold.Fee, basketValue ?? 0m)));
    }

    public static async Task<Results<NoContent, NotFound>> ReleaseHoldAsync(
        Guid holdId, ClaimsPrincipal user, SlotHoldService holds, CancellationToken cancellationToken) =>
        await holds.ReleaseAsync(holdId, user.GetUserId()!, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static ProblemHttpResult Conflict(string title, string type) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, type: $"https://grocery.local/problems/{type}");
}
