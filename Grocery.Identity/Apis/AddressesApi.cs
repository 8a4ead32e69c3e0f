using System.Security.Claims;
using Grocery.Identity.Domain;
using Microsoft.AspNetCore.Mvc;
using Grocery.Persistence;
using Npgsql;

namespace Grocery.Identity.Apis;

/// <summary>The caller's own addresses. Another user's address id is answered 404, exactly like an unknown one.</summary>
public static class AddressesApi
{
    public static IEndpointRouteBuilder MapAddressesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/me/addresses").WithTags("Profile").RequireAuthorization(GroceryPolicies.Customer);
        api.MapGet("/", ListAsync)
            .WithSummary("The caller's saved addresses, the default first");
        api.MapGet("/{id:guid}", GetAsync)
            .WithSummary("One of the caller's saved addresses");
        api.MapPost("/", CreateAsync)
            .WithSummary("Saves an address for the caller; a repeat with the same Idempotency-Key returns the address saved first");
        api.MapPut("/{id:guid}", UpdateAsync)
            .WithSummary("Replaces one of the caller's saved addresses; making it the default unsets the previous default");
        api.MapDelete("/{id:guid}", DeleteAsync)
            .WithSummary("Deletes one of the caller's saved addresses");
        return app;
    }

    public static async Task<Results<Ok<AddressResponse[]>, NotFound>> ListAsync(
        ClaimsPrincipal principal, [AsParameters] ProfileServices services, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.GetUserId(), out var userId)) return TypedResults.NotFound();
        var rows = await services.Db.Addresses.AsNoTracking().Where(a => a.UserId == userId)
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(a => ToResponse(a, services)).ToArray());
    }

    public static async Task<Results<Ok<AddressResponse>, NotFound>> GetAsync(
        Guid id, ClaimsPrincipal principal, [AsParameters] ProfileServices services, CancellationToken cancellationToken)
    {
        var address = await FindOwnAsync(id, principal, services, cancellationToken);
        return address is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(address, services));
    }

    public static async Task<Results<Created<AddressResponse>, Ok<AddressResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CreateAsync(
        AddressRequest request, ClaimsPrincipal principal, [AsParameters] ProfileServices services,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid) return invalid;
        if (StoredText.Check(idempotencyKey, IdentityLimits.IdempotencyKeyMaxLength) is { } keyProblem) return Problems.Invalid("Idempotency-Key", keyProblem);
        var user = await ProfileApi.FindCallerAsync(principal, services, cancellationToken);
        if (user is null) return TypedResults.NotFound();
        var db = services.Db;

        if (idempotencyKey is not null && await FindByIdempotencyKeyAsync(user.Id, idempotencyKey, services, cancellationToken) is { } earlier)
            return TypedResults.Ok(ToResponse(earlier, services));
        if (await db.Addresses.CountAsync(a => a.UserId == user.Id, cancellationToken) >= Address.MaxPerUser)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"At most {Address.MaxPerUser} addresses can be saved.");

        var details = Details(request);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (details.IsDefault) await ClearDefaultAsync(user.Id, cancellationToken, db);
        var address = Address.Create(user.Id, details, services.Protector.Protect(request.Street!.Trim()), idempotencyKey, services.Time.GetUtcNow());
        db.Addresses.Add(address);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (idempotencyKey is not null && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent retry with the same key won the insert; answer with its result.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var winner = await FindByIdempotencyKeyAsync(user.Id, idempotencyKey, services, cancellationToken);
            return TypedResults.Ok(ToResponse(winner!, services));
        }
        return TypedResults.Created($"/api/v1/me/addresses/{address.Id}", ToResponse(address, services));
    }

    public static async Task<Results<Ok<AddressResponse>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, AddressRequest request, ClaimsPrincipal principal, [AsParameters] ProfileServices services, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid) return invalid;
        var address = await FindOwnAsync(id, principal, services, cancellationToken, tracking: true);
        if (address is null) return TypedResults.NotFound();

        var details = Details(request);
        await using var transaction = await services.Db.Database.BeginTransactionAsync(cancellationToken);
        if (details.IsDefault) await ClearDefaultAsync(address.UserId, cancellationToken, services.Db);
        address.Update(details, services.Protector.Protect(request.Street!.Trim()));
        await services.Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(address, services));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid id, ClaimsPrincipal principal, [AsParameters] ProfileServices services, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.GetUserId(), out var userId)) return TypedResults.NotFound();
        var deleted = await services.Db.Addresses.Where(a => a.Id == id && a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    private static async Task<Address?> FindOwnAsync(Guid id, ClaimsPrincipal principal, ProfileServices services, CancellationToken cancellationToken, bool tracking = false)
    {
        if (!Guid.TryParse(principal.GetUserId(), out var userId)) return null;
        var query = services.Db.Addresses.Where(a => a.Id == id && a.UserId == userId);
        return await (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken);
    }

    private static Task<Address?> FindByIdempotencyKeyAsync(Guid userId, string key, ProfileServices services, CancellationToken cancellationToken) =>
        services.Db.Addresses.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId && a.IdempotencyKey == key, cancellationToken);

    private static Task ClearDefaultAsync(Guid userId, CancellationToken cancellationToken, IdentityDbContext db) =>
        db.Addresses.Where(a => a.UserId == userId && a.IsDefault).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDefault, false), cancellationToken);

    private static ValidationProblem? Validate(AddressRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, "street", request.Street, IdentityLimits.StreetMaxLength);
        Require(errors, "district", request.District, IdentityLimits.DistrictMaxLength);
        Require(errors, "city", request.City, IdentityLimits.CityMaxLength);
        Optional(errors, "label", request.Label, IdentityLimits.AddressLabelMaxLength);
        Optional(errors, "ward", request.Ward, IdentityLimits.WardMaxLength);
        Optional(errors, "postalCode", request.PostalCode, IdentityLimits.PostalCodeMaxLength);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["This field is required."];
        else Optional(errors, field, value, maxLength);
    }

    private static void Optional(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (StoredText.Check(value?.Trim(), maxLength) is { } problem) errors[field] = [problem];
    }

    private static AddressDetails Details(AddressRequest request) => new(
        string.IsNullOrWhiteSpace(request.Label) ? "Home" : request.Label.Trim(),
        string.IsNullOrWhiteSpace(request.Ward) ? null : request.Ward.Trim(),
        request.District!.Trim(),
        request.City!.Trim(),
        string.IsNullOrWhiteSpace(request.PostalCode) ? null : request.PostalCode.Trim(),
        request.IsDefault ?? false);

    private static AddressResponse ToResponse(Address a, ProfileServices services) =>
        new(a.Id, a.Label, services.Protector.Unprotect(a.ProtectedStreet), a.Ward, a.District, a.City, a.PostalCode, a.IsDefault);
}
