using System.Security.Cryptography;
using Grocery.Identity.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.Identity.Security;

/// <summary>
/// The signing keys, read from the database and kept in memory for a short while. Every replica
/// signs with the newest unretired key it knows and publishes every key whose tokens may still be
/// alive, so a rotation on one replica never invalidates tokens another one issued.
/// </summary>
public sealed class SigningKeyStore(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    IOptions<IdentityServiceOptions> options,
    TimeProvider time,
    ILogger<SigningKeyStore> logger)
{
    private const long RotationLockKey = 0x6964656e_6b657973; // "idenkeys"
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Grocery.Identity.SigningKeys.v1");
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private KeySet? _cache;
    private long _lastForcedRefreshTicks;

    public async Task<SigningCredentials> GetSigningCredentialsAsync(CancellationToken cancellationToken)
    {
        var keys = await GetKeySetAsync(cancellationToken);
        if (keys.Active is null)
        {
            await EnsureActiveKeyAsync(cancellationToken);
            keys = await GetKeySetAsync(cancellationToken, forceReload: true);
        }
        return new SigningCredentials(keys.Active!, SecurityAlgorithms.RsaSha256);
    }

    public async Task<IReadOnlyList<PublishedKey>> GetPublishedKeysAsync(CancellationToken cancellationToken) =>
        (await GetKeySetAsync(cancellationToken)).Published;

    /// <summary>Drops the cache so the next read sees other replicas' rotations; at most once a second.</summary>
    public void RequestRefresh()
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastForcedRefreshTicks);
        if (now - last < TimeSpan.TicksPerSecond) return;
        if (Interlocked.CompareExchange(ref _lastForcedRefreshTicks, now, last) == last) _cache = null;
    }

    /// <summary>Retires the active key and creates its successor; returns the new key id.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        var keyId = await CreateKeyAsync(retireOthers: true, onlyIfNoneActiveOlderThan: null, cancellationToken);
        _cache = null;
        return keyId!;
    }

    /// <summary>Rotates when the active key is older than the rotation interval; prunes keys no token can still use.</summary>
    public async Task<string?> RotateIfDueAsync(CancellationToken cancellationToken)
    {
        var keyId = await CreateKeyAsync(retireOthers: true, options.Value.SigningKeys.RotationInterval, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var cutoff = time.GetUtcNow() - PublicationGrace;
        var pruned = await db.SigningKeys.Where(k => k.RetiredAt != null && k.RetiredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (pruned > 0) logger.LogInformation("Deleted {Count} retired signing keys", pruned);
        if (keyId is not null || pruned > 0) _cache = null;
        return keyId;
    }

    /// <summary>
    /// A retired key stays published for the longest a token it signed can live: the token lifetime,
    /// plus the time other replicas may keep signing with it from their cache, plus clock skew.
    /// </summary>
    private TimeSpan PublicationGrace =>
        options.Value.AccessTokenLifetime + options.Value.SigningKeys.CacheDuration + TimeSpan.FromMinutes(2);

    private async Task EnsureActiveKeyAsync(CancellationToken cancellationToken) =>
        await CreateKeyAsync(retireOthers: false, onlyIfNoneActiveOlderThan: TimeSpan.MaxValue, cancellationToken);

    /// <param name="onlyIfNoneActiveOlderThan">Create only when no active key exists or the newest is older than this; null = always.</param>
    private async Task<string?> CreateKeyAsync(bool retireOthers, TimeSpan? onlyIfNoneActiveOlderThan, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Replicas starting together must not each create a key: one waits for the other here.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLockKey})", cancellationToken);

        var now = time.GetUtcNow();
        var active = await db.SigningKeys.Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        if (onlyIfNoneActiveOlderThan is { } maxAge && active.Count > 0 &&
            (maxAge == TimeSpan.MaxValue || now - active[0].CreatedAt < maxAge))
        {
            return null;
        }

        using var rsa = RSA.Create(options.Value.SigningKeys.KeySize);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var keyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var key = SigningKey.Create(
            keyId,
            _protector.Protect(rsa.ExportPkcs8PrivateKey()),
            Base64UrlEncoder.Encode(parameters.Modulus!),
            Base64UrlEncoder.Encode(parameters.Exponent!),
            now);
        if (retireOthers)
        {
            foreach (var old in active) old.Retire(now);
        }
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Created signing key {KeyId}; retired {Retired}", keyId, retireOthers ? active.Count : 0);
        return keyId;
    }

    private async Task<KeySet> GetKeySetAsync(CancellationToken cancellationToken, bool forceReload = false)
    {
        var cached = _cache;
        var now = time.GetUtcNow();
        if (!forceReload && cached is not null && now - cached.LoadedAt < options.Value.SigningKeys.CacheDuration) return cached;

        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            cached = _cache;
            if (!forceReload && cached is not null && now - cached.LoadedAt < options.Value.SigningKeys.CacheDuration) return cached;

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var cutoff = now - PublicationGrace;
            var rows = await db.SigningKeys.AsNoTracking()
                .Where(k => k.RetiredAt == null || k.RetiredAt > cutoff)
                .OrderByDescending(k => k.CreatedAt)
                .ToListAsync(cancellationToken);

            var published = rows.Select(r => new PublishedKey(r.KeyId, r.Modulus, r.Exponent, r.CreatedAt, r.RetiredAt)).ToList();
            var activeRow = rows.FirstOrDefault(r => r.RetiredAt is null);
            RsaSecurityKey? active = null;
            if (activeRow is not null)
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(_protector.Unprotect(activeRow.ProtectedPrivateKey), out _);
                active = new RsaSecurityKey(rsa) { KeyId = activeRow.KeyId };
            }
            var keySet = new KeySet(now, active, published);
            _cache = keySet;
            return keySet;
        }
        finally
        {
            _loadLock.Release();
        }
    }

    private sealed record KeySet(DateTimeOffset LoadedAt, RsaSecurityKey? Active, IReadOnlyList<PublishedKey> Published);
}

/// <summary>A public key as the JWKS shows it.</summary>
public sealed record PublishedKey(string KeyId, string Modulus, string Exponent, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)
{
    public RsaSecurityKey SecurityKey { get; } =
        new(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(Modulus), Exponent = Base64UrlEncoder.DecodeBytes(Exponent) }) { KeyId = KeyId };
}
