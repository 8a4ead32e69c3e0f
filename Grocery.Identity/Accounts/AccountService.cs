using System.Security.Cryptography;
using Grocery.Contracts.Identity;
using Grocery.Identity.Domain;
using Grocery.Identity.Security;
using Grocery.Messaging.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grocery.Identity.Accounts;

/// <summary>Registration, password checks with lockout, token issue and refresh, erasure.</summary>
public sealed class AccountService(
    IdentityDbContext db,
    IPasswordHasher<User> hasher,
    AccessTokenIssuer accessTokens,
    RefreshTokenService refreshTokens,
    IIntegrationEventOutbox outbox,
    IOptions<IdentityServiceOptions> options,
    TimeProvider time,
    ILogger<AccountService> logger)
{
    // Verified against when the e-mail is unknown, so a miss costs as much time as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<User>().HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public Task<User?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, cancellationToken);

    public async Task<User?> RegisterAsync(EmailAddress email, string password, string? displayName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = User.Register(email, "", displayName, now);
        user.ChangePassword(hasher.HashPassword(user, password), now);
        db.Users.Add(user);
        outbox.Add(new UserRegisteredIntegrationEvent(user.Id, email.Value, displayName, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return null;
        }
        logger.LogInformation("Registered user {UserId}", user.Id);
        return user;
    }

    public async Task<LoginOutcome> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeletedAt == null, cancellationToken);
        var now = time.GetUtcNow();
        if (user?.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return LoginOutcome.InvalidCredentials;
        }
        if (user.IsLockedOut(now)) return LoginOutcome.Locked(user.LockoutEnd!.Value - now);

        var verification = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(user.Id, now, cancellationToken);
            return LoginOutcome.InvalidCredentials;
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = hasher.HashPassword(user, password);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), cancellationToken);
        }
        if (user.AccessFailedCount > 0)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), cancellationToken);
        }
        return LoginOutcome.Success(await IssueTokensAsync(user, familyId: null, cancellationToken));
    }

    /// <summary>One conditional UPDATE, so failures on several replicas at once all count.</summary>
    private async Task RecordFailureAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = options.Value.Lockout.MaxFailedAttempts;
        DateTimeOffset? until = now + options.Value.Lockout.Duration;
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= max ? 0 : u.AccessFailedCount + 1)
            .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max ? until : u.LockoutEnd), cancellationToken);
        logger.LogInformation("Failed login for user {UserId}", userId);
    }

    public async Task<TokenResponse?> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var spent = await refreshTokens.ConsumeAsync(refreshToken, cancellationToken);
        TokenResponse? response = null;
        if (spent is not null)
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == spent.UserId && u.DeletedAt == null, cancellationToken);
            if (user is not null && !user.IsLockedOut(time.GetUtcNow()))
            {
                response = await IssueTokensAsync(user, spent.FamilyId, cancellationToken);
            }
        }
        // Committed on failure too: a detected reuse has just revoked the family.
        await transaction.CommitAsync(cancellationToken);
        return response;
    }

    public async Task LogoutAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (await refreshTokens.FindFamilyAsync(refreshToken, cancellationToken) is { } family)
        {
            await refreshTokens.RevokeFamilyAsync(family, cancellationToken);
        }
    }

    public bool VerifyPassword(User user, string password) =>
        user.PasswordHash is not null && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>Sets the new password and signs every session out (their refresh tokens die).</summary>
    public async Task ChangePasswordAsync(User user, string newPassword, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.ChangePassword(hasher.HashPassword(user, newPassword), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await refreshTokens.RevokeAllForUserAsync(user.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Password changed for user {UserId}", user.Id);
    }

    /// <summary>Erases the person's data and announces it, in one transaction.</summary>
    public async Task DeleteAsync(User user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Addresses.Where(a => a.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.RefreshTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        user.Erase(now);
        outbox.Add(new UserDeletedIntegrationEvent(user.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Deleted user {UserId}", user.Id);
    }

    private async Task<TokenResponse> IssueTokensAsync(User user, Guid? familyId, CancellationToken cancellationToken)
    {
        var access = await accessTokens.IssueAsync(user.Id, user.Roles.Select(r => r.Role), user.WarehouseClaim(), cancellationToken);
        var refresh = refreshTokens.Add(user.Id, familyId);
        await db.SaveChangesAsync(cancellationToken);
        return new TokenResponse(
            access.Token,
            "Bearer",
            (int)options.Value.AccessTokenLifetime.TotalSeconds,
            refresh.Token,
            refresh.ExpiresAt);
    }
}

public sealed record LoginOutcome(LoginStatus Status, TokenResponse? Tokens, TimeSpan? RetryAfter)
{
    public static readonly LoginOutcome InvalidCredentials = new(LoginStatus.InvalidCredentials, null, null);

    public static LoginOutcome Locked(TimeSpan retryAfter) => new(LoginStatus.LockedOut, null, retryAfter);

    public static LoginOutcome Success(TokenResponse tokens) => new(LoginStatus.Succeeded, tokens, null);
}

public enum LoginStatus
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
}

/// <summary>The only response that ever carries a refresh token.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);
