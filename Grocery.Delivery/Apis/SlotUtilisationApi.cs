using Grocery.Delivery.Slots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Delivery.Apis;

public static class SlotUtilisationApi
{
    public static IEndpointRouteBuilder MapSlotUtilisationApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/slots").WithTags("Slots").RequireAuthorization(GroceryPolicies.Admin)
            .MapGet("/utilisation", GetUtilisationAsync)
            .WithSummary("Per zone and day from today (3 days unless given, at most 14): places in open slots, held and confirmed, and closed slots (admins)");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ZoneDayUtilisation>>, ValidationProblem>> GetUtilisationAsync(
        int? days, DeliveryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var window = days ?? SlotUtilisation.DefaultDays;
        if (window is < 1 or > SlotUtilisation.MaxDays)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"Days is between 1 and {SlotUtilisation.MaxDays}."] });
        return TypedResults.Ok(await SlotUtilisation.ReadAsync(db, time.GetUtcNow(), window, cancellationToken));
    }
}

/// <summary>Day is the zone's local date; Capacity, Held and Confirmed count the open slots only.</summary>
public sealed record ZoneDayUtilisation(
    Guid ZoneId, string Zone, Guid WarehouseId, DateOnly Day, int OpenSlots, int ClosedSlots, int Capacity, int Held, int Confirmed);
