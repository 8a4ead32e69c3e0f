using System.Security.Claims;
using Grocery.Identity.Domain;
using Grocery.Persistence;

namespace Grocery.Identity.Apis;

public static class ProfileApi
{
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Profile").RequireAuthorization(GroceryPolicies.Customer);
        me.MapGet("/", GetProfileAsync)
            .WithSummary("The caller's profile: e-mail, name, phone, default substitution, marketing consent, language and roles");
        me.MapPut("/", UpdateProfileAsync)
            .WithSummary("Updates the caller's name, phone, default substitution, marketing consent and language; an omitted language is kept");
        me.MapDelete("/", DeleteAccountAsync)
            .WithSummary("Deletes the caller's account: erases their personal data and addresses and signs every session out");
        return app;
    }

    public static async Task<Results<Ok<ProfileResponse>, NotFound>> GetProfileAsync(
        ClaimsPrincipal principal, [AsParameters] ProfileServices services, CancellationToken cancellationToken)
    {
        var user = await FindCallerAsync(principal, services, cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(user, services));
    }

    public static async Task<Results<Ok<ProfileResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateProfileAsync(
        UpdateProfileRequest request, ClaimsPrincipal principal, [AsParameters] ProfileServices services, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (StoredText.Check(name, IdentityLimits.DisplayNameMaxLength) is { } nameProblem) errors["name"] = [nameProblem];
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim();
        if (phone is not null && !PhoneNumber.IsE164(phone)) errors["phone"] = ["The phone number must be in E.164 form, e.g. +84901234567."];
        var substitution = SubstitutionNames.ParseDefault(request.DefaultSubstitution ?? "anySimilar");
        if (substitution is null) errors["defaultSubstitution"] = ["The default substitution must be 'none' or 'anySimilar'."];
        if (request.Language is not null && !ShopperLanguage.IsSupported(request.Language))
            errors["language"] = [$"The language must be one of: {string.Join(", ", ShopperLanguage.All)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var user = await FindCallerAsync(principal, services, cancellationToken);
        if (user is null) return TypedResults.NotFound();
        // Omitted, the language stays: clients older than the field must not reset it.
        user.UpdateProfile(name, services.Protector.ProtectOptional(phone), substitution!.Value, request.MarketingConsent ?? false,
            request.Language ?? user.Language);
        try
        {
            await services.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The profile changed meanwhile; read it and try again.");
        }
        return TypedResults.Ok(ToResponse(user, services));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAccountAsync(
        ClaimsPrincipal principal, [AsParameters] ProfileServices services, CancellationToken cancellationToken)
    {
        var user = await FindCallerAsync(principal, services, cancellationToken);
        if (user is null) return TypedResults.NotFound();
        await services.Accounts.DeleteAsync(user, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<User?> FindCallerAsync(ClaimsPrincipal principal, ProfileServices services, CancellationToken cancellationToken) =>
        Guid.TryParse(principal.GetUserId(), out var userId) ? await services.Accounts.FindAsync(userId, cancellationToken) : null;

    private static ProfileResponse ToResponse(User user, ProfileServices services) => new(
        user.Id,
        user.Email!,
        user.DisplayName,
        services.Protector.UnprotectOptional(user.ProtectedPhone),
        SubstitutionNames.ToName(user.DefaultSubstitution),
        user.MarketingConsent,
        user.Language,
        user.Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToArray());
}
