namespace Grocery.Identity;

/// <summary>
/// Identity's own settings, bound from the "Identity" section (which also holds Issuer and
/// Audience, read through ServiceDefaults' <see cref="IdentityTokenOptions"/>).
/// </summary>
public sealed class IdentityServiceOptions
{
    public const string SectionName = "Identity";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public SigningKeyOptions SigningKeys { get; set; } = new();

    public LockoutSettings Lockout { get; set; } = new();

    public RateLimitSettings RateLimits { get; set; } = new();

    public BootstrapAdminSettings BootstrapAdmin { get; set; } = new();

    /// <summary>
    /// The services allowed the client-credentials grant, by client id ("Identity:ServiceClients:ordering:Secret");
    /// the AppHost generates each secret and hands it to both sides.
    /// </summary>
    public Dictionary<string, ServiceClientSettings> ServiceClients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The Redis key holding the Data Protection key ring (personal data and signing keys).</summary>
    public string DataProtectionRedisKey { get; set; } = "grocery:identity:data-protection-keys";
}

public sealed class SigningKeyOptions
{
    /// <summary>The background job replaces the active key once it is this old.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a new key is published before it signs. Services re-read the JWKS every 5 minutes
    /// (ServiceDefaults) and fetch it in the background on an unknown kid, which fails the request
    /// that triggered it; waiting longer than their refresh means no token ever arrives first.
    /// </summary>
    public TimeSpan ActivationDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a replica keeps the key set in memory before re-reading the database.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int KeySize { get; set; } = 2048;
}

public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class RateLimitSettings
{
    public RateLimitRule LoginPerIp { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    public RateLimitRule LoginPerAccount { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    public RateLimitRule RegisterPerIp { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromHours(1) };

    public RateLimitRule RegisterPerAccount { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromHours(1) };

    public RateLimitRule RefreshPerIp { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Client-credentials requests, counted like logins: services cache their token, so only guessing needs more.</summary>
    public RateLimitRule ClientTokenPerIp { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Per known client id, so a secret cannot be guessed from many addresses either.</summary>
    public RateLimitRule ClientTokenPerClient { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(5) };
}

public sealed class ServiceClientSettings
{
    public string? Secret { get; set; }
}

public sealed class BootstrapAdminSettings
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
