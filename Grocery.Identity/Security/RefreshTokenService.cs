using System.Security.Cryptography;
using System.Text;
using Grocery.Identity.Domain;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.Identity.Security;

/// <summary>
/// Rotating refresh tokens: each is single use and is replaced by the next link of its family. A
/// spent token presented again means it was copied, so the whole family is revoked and the
/// thief and the owner both have to log in again.
/// </summary>
public sealed class RefreshTokenService(
    IdentityDbContext db,
    IOptions<IdentityServiceOptions> options,
    TimeProvider time,
    ILogger<RefreshTokenService> logger)
{
    /// <summary>Adds a new token to the context (saved by the caller); returns the token to hand out.</summary>
    public IssuedRefreshToken Add(Guid userId, Guid? familyId = null)
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var entity = RefreshToken.Issue(userId, familyId ?? Guid.CreateVersion7(now), Hash(token), now, options.Value.RefreshTokenLifetime);
        db.RefreshTokens.Add(entity);
        return new IssuedRefreshToken(token, entity.ExpiresAt);
    }

    /// <summary>
    /// Spends the token (an atomic conditional update, so two concurrent uses cannot both win) and
    /// returns its owner and family, or null when it is unknown, expired, revoked or already spent.
    /// </summary>
    public async Task<RefreshToken?> ConsumeAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Hash(token);
        var now = time.GetUtcNow();
        var spent = await db.RefreshTokens
            .Where(t => t.TokenHash == hash && t.ConsumedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);
        var row = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (spent == 1) return row;

        if (row is { ConsumedAt: not null, RevokedAt: null })
        {
            var revoked = await RevokeFamilyAsync(row.FamilyId, cancellationToken);
            logger.LogWarning("Refresh token reuse detected for user {UserId}: revoked family {FamilyId} ({Count} tokens)",
                row.UserId, row.FamilyId, revoked);
        }
        return null;
    }

    public async Task<int> RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    public async Task<Guid?> FindFamilyAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Hash(token);
        return await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<int> RevokeAllForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

public sealed record IssuedRefreshToken(string Token, DateTimeOffset ExpiresAt);
