using System.Security.Cryptography;
using Grocery.Identity.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.Identity.Security;

/// <summary>
/// The signing keys, read from the database and kept in memory for a short while. Every replica
/// signs with the newest key whose activation has come and publishes every key a live token may
/// name (and the next one, ahead of its activation), so a rotation never invalidates a token.
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
        var active = (await GetKeySetAsync(cancellationToken)).ActiveAt(time.GetUtcNow());
        if (active is null)
        {
            await CreateKeyAsync(KeyCreation.FirstKey, cancellationToken);
            active = (await GetKeySetAsync(cancellationToken, forceReload: true)).ActiveAt(time.GetUtcNow())
                ?? throw new InvalidOperationException("No signing key is active.");
        }
        return new SigningCredentials(active, SecurityAlgorithms.RsaSha256);
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

    /// <summary>
    /// Creates the successor of the active key. It signs after the activation delay, when the
    /// current key retires; <paramref name="immediate"/> (a compromised key) switches at once.
    /// </summary>
    public async Task<PublishedKey> RotateAsync(bool immediate, CancellationToken cancellationToken)
    {
        var key = await CreateKeyAsync(immediate ? KeyCreation.Immediate : KeyCreation.Scheduled, cancellationToken);
        _cache = null;
        return key!;
    }

    /// <summary>Rotates when the active key is older than the rotation interval; prunes keys no token can still use.</summary>
    public async Task<PublishedKey?> RotateIfDueAsync(CancellationToken cancellationToken)
    {
        var key = await CreateKeyAsync(KeyCreation.IfDue, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var cutoff = time.GetUtcNow() - PublicationGrace;
        var pruned = await db.SigningKeys.Where(k => k.RetiredAt != null && k.RetiredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (pruned > 0) logger.LogInformation("Deleted {Count} retired signing keys", pruned);
        if (key is not null || pruned > 0) _cache = null;
        return key;
    }

    /// <summary>
    /// A retired key stays published for the longest a token it signed can live: the token lifetime,
    /// plus the time other replicas may keep signing with it from their cache, plus clock skew.
    /// </summary>
    private TimeSpan PublicationGrace =>
        options.Value.AccessTokenLifetime + options.Value.SigningKeys.CacheDuration + TimeSpan.FromMinutes(2);

    private enum KeyCreation { FirstKey, IfDue, Scheduled, Immediate }

    private async Task<PublishedKey?> CreateKeyAsync(KeyCreation mode, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Replicas starting together must not each create a key: one waits for the other here.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLockKey})", cancellationToken);

        var now = time.GetUtcNow();
        var current = await db.SigningKeys.Where(k => k.RetiredAt == null || k.RetiredAt > now)
            .OrderByDescending(k => k.ActivatesAt).ToListAsync(cancellationToken);
        var skip = mode switch
        {
            KeyCreation.FirstKey => current.Count > 0,
            // A successor already waiting, or a key young enough, means nothing is due.
            KeyCreation.IfDue => current.Count > 0 && (current[0].ActivatesAt > now || now - current[0].ActivatesAt < options.Value.SigningKeys.RotationInterval),
            _ => false,
        };
        if (skip) return null;

        var activatesAt = mode is KeyCreation.Scheduled or KeyCreation.IfDue && current.Count > 0
            ? now + options.Value.SigningKeys.ActivationDelay
            : now;
        using var rsa = RSA.Create(options.Value.SigningKeys.KeySize);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var key = SigningKey.Create(
            Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            _protector.Protect(rsa.ExportPkcs8PrivateKey()),
            Base64UrlEncoder.Encode(parameters.Modulus!),
            Base64UrlEncoder.Encode(parameters.Exponent!),
            now,
            activatesAt);
        foreach (var old in current) old.RetireAt(activatesAt);
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Created signing key {KeyId}, signing from {ActivatesAt}; {Retired} key(s) retire then",
            key.KeyId, activatesAt, current.Count);
        return PublishedKey.From(key);
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
                .OrderByDescending(k => k.ActivatesAt)
                .ToListAsync(cancellationToken);

            var signers = new List<(SigningKey Row, RsaSecurityKey Key)>();
            foreach (var row in rows.Where(r => r.RetiredAt is null || r.RetiredAt > now))
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(_protector.Unprotect(row.ProtectedPrivateKey), out _);
                signers.Add((row, new RsaSecurityKey(rsa) { KeyId = row.KeyId }));
            }
            var keySet = new KeySet(now, signers, rows.Select(PublishedKey.From).ToList());
            _cache = keySet;
            return keySet;
        }
        finally
        {
            _loadLock.Release();
        }
    }

    private sealed record KeySet(DateTimeOffset LoadedAt, IReadOnlyList<(SigningKey Row, RsaSecurityKey Key)> Signers, IReadOnlyList<PublishedKey> Published)
    {
        /// <summary>Evaluated per call, so a scheduled key starts signing on time even from the cache.</summary>
        public RsaSecurityKey? ActiveAt(DateTimeOffset now) => Signers.FirstOrDefault(s => s.Row.SignsAt(now)).Key;
    }
}

/// <summary>A public key as the JWKS shows it.</summary>
public sealed record PublishedKey(string KeyId, string Modulus, string Exponent, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt, DateTimeOffset? RetiredAt)
{
    public RsaSecurityKey SecurityKey { get; } =
        new(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(Modulus), Exponent = Base64UrlEncoder.DecodeBytes(Exponent) }) { KeyId = KeyId };

    public static PublishedKey From(SigningKey key) => new(key.KeyId, key.Modulus, key.Exponent, key.CreatedAt, key.ActivatesAt, key.RetiredAt);
}
