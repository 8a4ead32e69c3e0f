using System.Security.Claims;
using Grocery.Delivery.Background;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Domain;
using Grocery.Delivery.Slots;
using Grocery.Delivery.Zones;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Grocery.Delivery.Apis;

public static class ZonesApi
{
    public static IEndpointRouteBuilder MapZonesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/zones").WithTags("Zones");
        api.MapGet("/", ListZonesAsync).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("The delivery zones a warehouse serves, with their areas and slot templates; a store manager sees their own warehouse's.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/lookup", LookupAsync).AllowAnonymous()
            .WithSummary("The delivery zone covering a postcode or district, with its minimum basket and fees; 422 when no zone covers it.");
        api.MapGet("/{id:guid}", GetZoneAsync).AllowAnonymous()
            .WithSummary("A delivery zone with its areas and slot templates.");
        api.MapPost("/", CreateZoneAsync).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Creates a delivery zone with its areas and slot templates and generates its slots; a store manager only for their own warehouse.");
        api.MapPost("/{id:guid}/slot-templates", AddTemplateAsync).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Adds a weekly slot template to a zone of the caller's warehouse and generates its slots.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ZoneResponse>>, ValidationProblem, ProblemHttpResult>> ListZonesAsync(
        Guid? warehouseId, ClaimsPrincipal user, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        if ((warehouseId ?? user.GetWarehouseId()) is not { } warehouse || warehouse == Guid.Empty)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["warehouseId"] = ["Choose a warehouse."] });
        if (!user.MayWorkIn(warehouse)) return ShipmentsApi.Forbidden(warehouse);
        var zones = await db.Zones.AsNoTracking().Include(z => z.Areas).Include(z => z.Templates)
            .Where(z => z.WarehouseId == warehouse).OrderBy(z => z.Name).ThenBy(z => z.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ZoneResponse>>(zones.Select(ZoneResponse.From).ToList());
    }

    public static async Task<Results<Ok<ZoneLookupResponse>, ValidationProblem, ProblemHttpResult>> LookupAsync(
        string? postcode, string? district, decimal? basketValue, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(postcode) && string.IsNullOrWhiteSpace(district))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["postcode"] = ["Give a postcode or a district."],
                ["district"] = ["Give a postcode or a district."],
            });
        }
        var errors = new Dictionary<string, string[]>();
        if (AreaProblem(AreaKind.Postcode, postcode) is { } postcodeProblem) errors["postcode"] = [postcodeProblem];
        if (AreaProblem(AreaKind.District, district) is { } districtProblem) errors["district"] = [districtProblem];
        if (basketValue is < 0 or > DeliveryLimits.MaxAmount) errors["basketValue"] = [$"Between 0 and {DeliveryLimits.MaxAmount:0} đồng."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var (kind, value) = !string.IsNullOrWhiteSpace(postcode) ? (AreaKind.Postcode, postcode) : (AreaKind.District, district!);
        var zone = await db.FindByAreaAsync(kind, value, cancellationToken);
        if (zone is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "We do not deliver to this address yet.",
                detail: $"No delivery zone covers {kind.ToString().ToLowerInvariant()} '{value.Trim()}'.", type: "https://grocery.local/problems/outside-delivery-zones");
        }
        return TypedResults.Ok(new ZoneLookupResponse(zone.Id, zone.Name, zone.WarehouseId, zone.TimeZoneId, zone.MinimumBasketValue,
            zone.StandardFee, zone.PeakFee, zone.FreeDeliveryThreshold, zone.DeliveryFee(zone.StandardFee, basketValue ?? 0m)));
    }

    public static async Task<Results<Ok<ZoneResponse>, NotFound>> GetZoneAsync(Guid id, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var zone = await db.Zones.AsNoTracking().Include(z => z.Areas).Include(z => z.Templates)
            .SingleOrDefaultAsync(z => z.Id == id, cancellationToken);
        return zone is null ? TypedResults.NotFound() : TypedResults.Ok(ZoneResponse.From(zone));
    }

    /// <summary>A store manager creates zones for their own warehouse; admins for any.</summary>
    public static async Task<Results<Created<ZoneResponse>, ValidationProblem, ProblemHttpResult>> CreateZoneAsync(
        CreateZoneRequest request, ClaimsPrincipal user, DeliveryDbContext db, CarrierRegistry carriers, SlotCalendarGenerator calendar,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.WarehouseId != Guid.Empty && !user.MayWorkIn(request.WarehouseId)) return ShipmentsApi.Forbidden(request.WarehouseId);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["A zone needs a name."];
        else if (StoredText.Check(request.Name.Trim(), DeliveryLimits.ZoneNameMaxLength) is { } nameProblem) errors["name"] = [nameProblem];
        if (request.WarehouseId == Guid.Empty) errors["warehouseId"] = ["A zone is served by one warehouse."];
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? Zone.DefaultTimeZone : request.TimeZone.Trim();
        if (StoredText.Check(timeZone, DeliveryLimits.TimeZoneIdMaxLength) is not null || !Zone.IsKnownTimeZone(timeZone))
            errors["timeZone"] = ["Not an IANA time zone."];
        var carrier = string.IsNullOrWhiteSpace(request.Carrier) ? CarrierRegistry.InHouse : request.Carrier.Trim().ToLowerInvariant();
        if (!carriers.TryGet(carrier, out _)) errors["carrier"] = [$"Unknown carrier; use one of {string.Join(", ", carriers.Names)}."];
        CheckAmount(request.MinimumBasketValue, "minimumBasketValue", errors);
        CheckAmount(request.StandardFee, "standardFee", errors);
        CheckAmount(request.PeakFee, "peakFee", errors);
        if (request.FreeDeliveryThreshold is { } threshold) CheckAmount(threshold, "freeDeliveryThreshold", errors);
        ValidateAreas(AreaKind.Postcode, request.Postcodes, "postcodes", errors);
        ValidateAreas(AreaKind.District, request.Districts, "districts", errors);
        if ((request.Postcodes?.Count ?? 0) + (request.Districts?.Count ?? 0) == 0) errors["postcodes"] = ["A zone covers at least one postcode or district."];
        if (request.Templates is { Count: > DeliveryLimits.MaxTemplatesPerZone })
            errors["templates"] = [$"At most {DeliveryLimits.MaxTemplatesPerZone} slot templates."];
        else
            ValidateTemplates(request.Templates ?? [], errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var zone = new Zone
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name.Trim(),
            WarehouseId = request.WarehouseId,
            TimeZoneId = timeZone,
            MinimumBasketValue = Money(request.MinimumBasketValue),
            StandardFee = Money(request.StandardFee),
            PeakFee = Money(request.PeakFee),
            FreeDeliveryThreshold = request.FreeDeliveryThreshold is { } free ? Money(free) : null,
            Carrier = carrier,
            CreatedAt = time.GetUtcNow(),
        };
        zone.Areas.AddRange((request.Postcodes ?? []).Select(p => ZoneArea.Create(zone.Id, AreaKind.Postcode, p)));
        zone.Areas.AddRange((request.Districts ?? []).Select(d => ZoneArea.Create(zone.Id, AreaKind.District, d)));
        zone.Areas.RemoveAll(a => zone.Areas.First(o => o.Kind == a.Kind && o.NormalizedName == a.NormalizedName) != a);
        zone.Templates.AddRange((request.Templates ?? []).Select(t => NewTemplate(zone.Id, t)));
        db.Zones.Add(zone);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "An area already belongs to another zone, or a template repeats a window.",
                detail: ex.InnerException.Message);
        }
        await calendar.GenerateAsync(cancellationToken, zone.Id);
        return TypedResults.Created($"/api/v1/zones/{zone.Id}", ZoneResponse.From(zone));
    }

    public static async Task<Results<Created<SlotTemplateResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddTemplateAsync(
        Guid id, SlotTemplateRequest request, ClaimsPrincipal user, DeliveryDbContext db, SlotCalendarGenerator calendar, CancellationToken cancellationToken)
    {
        var warehouseId = await db.Zones.Where(z => z.Id == id).Select(z => (Guid?)z.WarehouseId).SingleOrDefaultAsync(cancellationToken);
        if (warehouseId is null) return TypedResults.NotFound();
        if (!user.MayWorkIn(warehouseId.Value)) return ShipmentsApi.Forbidden(warehouseId.Value);
        var errors = new Dictionary<string, string[]>();
        ValidateTemplates([request], errors, single: true);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var template = NewTemplate(id, request);
        db.SlotTemplates.Add(template);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The zone already has a window starting then on that weekday.");
        }
        await calendar.GenerateAsync(cancellationToken, id);
        return TypedResults.Created($"/api/v1/zones/{id}", SlotTemplateResponse.From(template));
    }

    private static void ValidateTemplates(IReadOnlyList<SlotTemplateRequest> templates, Dictionary<string, string[]> errors, bool single = false)
    {
        for (var i = 0; i < templates.Count; i++)
        {
            // JSON does not enforce the element's nullability.
            if (templates[i] is not { } t)
            {
                errors[$"templates[{i}]"] = ["A slot template must not be null."];
                continue;
            }
            var prefix = single ? "" : $"templates[{i}].";
            if (!Enum.IsDefined(t.DayOfWeek)) errors[prefix + "dayOfWeek"] = ["Not a weekday."];
            if (t.Capacity is < 0 or > DeliveryLimits.MaxSlotCapacity)
                errors[prefix + "capacity"] = [$"Capacity is between 0 and {DeliveryLimits.MaxSlotCapacity}."];
            if (t.CutoffMinutes is < 0 or > DeliveryLimits.MaxCutoffMinutes)
                errors[prefix + "cutoffMinutes"] = [$"The cut-off is minutes before the window, between 0 and {DeliveryLimits.MaxCutoffMinutes}."];
            if (t.StartTime == t.EndTime) errors[prefix + "endTime"] = ["A window must have a length."];
            if (t.Fee is { } fee) CheckAmount(fee, prefix + "fee", errors);
        }
    }

    /// <summary>Amounts are stored as whole đồng, so the bound applies to the rounded value.</summary>
    private static void CheckAmount(decimal amount, string field, Dictionary<string, string[]> errors)
    {
        if (amount < 0 || amount > DeliveryLimits.MaxAmount || Money(amount) > DeliveryLimits.MaxAmount)
            errors[field] = [$"Between 0 and {DeliveryLimits.MaxAmount:0} đồng."];
    }

    private static void ValidateAreas(AreaKind kind, IReadOnlyList<string>? names, string field, Dictionary<string, string[]> errors)
    {
        if (names is null) return;
        if (names.Count > DeliveryLimits.MaxAreasPerKind)
        {
            errors[field] = [$"At most {DeliveryLimits.MaxAreasPerKind} per zone."];
            return;
        }
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i])) errors[$"{field}[{i}]"] = ["Must not be empty."];
            else if (AreaProblem(kind, names[i]) is { } problem) errors[$"{field}[{i}]"] = [problem];
        }
    }

    /// <summary>A postcode or district a zone can hold and a lookup can match; null when blank or acceptable.</summary>
    private static string? AreaProblem(AreaKind kind, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var trimmed = name.Trim();
        return StoredText.Check(trimmed, kind == AreaKind.Postcode ? DeliveryLimits.PostcodeMaxLength : DeliveryLimits.DistrictMaxLength)
            ?? (AreaName.Normalize(trimmed).Length > DeliveryLimits.AreaNameMaxLength ? "Too long once normalised." : null);
    }

    private static SlotTemplate NewTemplate(Guid zoneId, SlotTemplateRequest t) => new()
    {
        Id = Guid.CreateVersion7(),
        ZoneId = zoneId,
        DayOfWeek = t.DayOfWeek,
        StartTime = t.StartTime,
        EndTime = t.EndTime,
        Capacity = t.Capacity,
        IsPeak = t.IsPeak,
        Fee = t.Fee is { } fee ? Money(fee) : null,
        CutoffMinutes = t.CutoffMinutes,
    };

    private static decimal Money(decimal amount) => Math.Round(amount, 0, MidpointRounding.AwayFromZero);
}
