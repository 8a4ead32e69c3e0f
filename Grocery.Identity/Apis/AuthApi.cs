using System.Security.Claims;
using Grocery.Identity.Accounts;
using Grocery.Identity.Domain;
using Grocery.Identity.Security;
using Grocery.Persistence;

namespace Grocery.Identity.Apis;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Auth");
        api.MapPost("/register", RegisterAsync).AllowAnonymous()
            .WithSummary("Registers a shopper account by e-mail and password; an e-mail already registered is refused with 409");
        api.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Signs in with e-mail and password and issues an access and a refresh token; repeated failures lock the account for a while");
        api.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("Exchanges a refresh token for new tokens; each refresh token works once, and reusing a spent one signs its session out");
        // Possession of the refresh token is the authority to end its session; the access token may already have expired.
        api.MapPost("/logout", LogoutAsync).AllowAnonymous()
            .WithSummary("Ends the session a refresh token belongs to; answered 204 whether or not the token was known");
        // Form-encoded as RFC 6749 requires (Accepts makes routing refuse anything else with 415); the handler
        // reads the form itself, so no antiforgery applies (nothing here authenticates with cookies).
        api.MapPost("/token", ClientCredentialsGrant.IssueAsync).AllowAnonymous()
            .WithSummary("Issues a service token (OAuth 2.0 client-credentials grant)")
            .Accepts<ClientCredentialsForm>("application/x-www-form-urlencoded")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization(GroceryPolicies.Customer)
            .WithSummary("Changes the caller's password after checking the current one, and signs every session out");
        api.MapGet("/signing-keys", ListSigningKeysAsync).RequireAuthorization(GroceryPolicies.Admin)
            .WithSummary("The published token-signing keys with their activation and retirement times and which one signs now (admins)");
        api.MapPost("/signing-keys/rotate", RotateSigningKeyAsync).RequireAuthorization(GroceryPolicies.Admin)
            .WithSummary("Creates a new signing key that starts signing after the activation delay, or at once with immediate=true (admins)");
        return app;
    }

    public static async Task<Results<Created<RegisteredUser>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, HttpContext context, [AsParameters] AuthServices auth, CancellationToken cancellationToken)
    {
        if (await auth.Throttle.HitAsync("register-ip", ClientAddress.Of(context), auth.Limits.RegisterPerIp) is { } wait)
            return Problems.TooManyRequests(context, wait);
        // Per address too, so one e-mail cannot be hammered (or probed for existence) from many clients.
        var validEmail = EmailAddress.TryParse(request.Email, out var email);
        if (validEmail && await auth.Throttle.HitAsync("register-account", email.Normalized, auth.Limits.RegisterPerAccount) is { } accountWait)
            return Problems.TooManyRequests(context, accountWait);

        var errors = new Dictionary<string, string[]>();
        if (!validEmail) errors["email"] = ["A valid e-mail address is required."];
        if (PasswordRules.Check(request.Password, request.Email) is { } passwordError) errors["password"] = [passwordError];
        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (StoredText.Check(name, IdentityLimits.DisplayNameMaxLength) is { } nameProblem) errors["name"] = [nameProblem];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var user = await auth.Accounts.RegisterAsync(email, request.Password!, name, cancellationToken);
        if (user is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "An account with this e-mail already exists.");
        return TypedResults.Created("/api/v1/me", new RegisteredUser(user.Id, user.Email!));
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, [AsParameters] AuthServices auth, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email)) return Problems.Invalid("email", "The e-mail address is required.");
        if (string.IsNullOrEmpty(request.Password)) return Problems.Invalid("password", "The password is required.");
        if (request.Password.Length > PasswordRules.MaxLength || request.Email.Length > EmailAddress.MaxLength) return Problems.InvalidCredentials();
        // No account's address holds a control character, and PostgreSQL text cannot even be compared with NUL.
        if (!StoredText.IsClean(request.Email)) return Problems.Invalid("email", "The e-mail address contains characters that are not allowed.");

        if (await auth.Throttle.HitAsync("login-ip", ClientAddress.Of(context), auth.Limits.LoginPerIp) is { } ipWait)
            return Problems.TooManyRequests(context, ipWait);
        if (await auth.Throttle.HitAsync("login-account", EmailAddress.Normalize(request.Email), auth.Limits.LoginPerAccount) is { } accountWait)
            return Problems.TooManyRequests(context, accountWait);

        var outcome = await auth.Accounts.LoginAsync(request.Email, request.Password, cancellationToken);
        return outcome.Status switch
        {
            LoginStatus.Succeeded => TypedResults.Ok(outcome.Tokens!),
            LoginStatus.LockedOut => Locked(context, outcome.RetryAfter!.Value),
            _ => Problems.InvalidCredentials(),
        };
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, HttpContext context, [AsParameters] AuthServices auth, CancellationToken cancellationToken)
    {
        if (await auth.Throttle.HitAsync("refresh-ip", ClientAddress.Of(context), auth.Limits.RefreshPerIp) is { } wait)
            return Problems.TooManyRequests(context, wait);
        var tokens = await auth.Accounts.RefreshAsync(request.RefreshToken, cancellationToken);
        return tokens is null ? Problems.InvalidRefreshToken() : TypedResults.Ok(tokens);
    }

    public static async Task<NoContent> LogoutAsync(RefreshRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        await accounts.LogoutAsync(request.RefreshToken, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, HttpContext context, [AsParameters] AuthServices auth, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.GetUserId(), out var userId) || await auth.Accounts.FindAsync(userId, cancellationToken) is not { } user)
            return TypedResults.NotFound();
        if (string.IsNullOrEmpty(request.CurrentPassword)) return Problems.Invalid("currentPassword", "The current password is required.");
        if (request.CurrentPassword.Length > PasswordRules.MaxLength)
            return Problems.Invalid("currentPassword", $"A password has at most {PasswordRules.MaxLength} characters.");
        if (PasswordRules.Check(request.NewPassword, user.Email) is { } error) return Problems.Invalid("newPassword", error);

        // Counted like logins, so a stolen access token cannot be used to guess the password.
        if (await auth.Throttle.HitAsync("login-account", user.NormalizedEmail!, auth.Limits.LoginPerAccount) is { } wait)
            return Problems.TooManyRequests(context, wait);
        if (!auth.Accounts.VerifyPassword(user, request.CurrentPassword))
            return Problems.Invalid("currentPassword", "The current password is incorrect.");

        await auth.Accounts.ChangePasswordAsync(user, request.NewPassword!, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SigningKeySummary[]>> ListSigningKeysAsync(SigningKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var published = await keys.GetPublishedKeysAsync(cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(published.Select(k => new SigningKeySummary(
            k.KeyId, k.CreatedAt, k.ActivatesAt, k.RetiredAt, k.ActivatesAt <= now && (k.RetiredAt is null || k.RetiredAt > now))).ToArray());
    }

    /// <summary><c>?immediate=true</c> is for a compromised key: services meet the new kid before their JWKS refresh.</summary>
    public static async Task<Ok<RotatedKey>> RotateSigningKeyAsync(SigningKeyStore keys, bool? immediate, CancellationToken cancellationToken)
    {
        var key = await keys.RotateAsync(immediate ?? false, cancellationToken);
        return TypedResults.Ok(new RotatedKey(key.KeyId, key.ActivatesAt));
    }

    private static ProblemHttpResult Locked(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "The account is temporarily locked after repeated failed logins.");
    }
}
