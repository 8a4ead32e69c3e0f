using Grocery.Contracts;

namespace Grocery.Identity.Domain;

/// <summary>
/// An account. Personal data (phone) arrives here already encrypted: the domain never sees the
/// key ring. After deletion only the id and the deletion time remain.
/// </summary>
public sealed class User
{
    private User() { }

    public Guid Id { get; private set; }
    public string? Email { get; private set; }
    public string? NormalizedEmail { get; private set; }
    public string? PasswordHash { get; private set; }
    public string? DisplayName { get; private set; }
    public string? ProtectedPhone { get; private set; }
    public SubstitutionPreference DefaultSubstitution { get; private set; }
    public bool MarketingConsent { get; private set; }
    public string Language { get; private set; } = ShopperLanguage.Default;

    /// <summary>The warehouse a member of staff works in; it reaches their token only while they hold a staff role.</summary>
    public Guid? WarehouseId { get; private set; }
    public int AccessFailedCount { get; private set; }
    public DateTimeOffset? LockoutEnd { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PasswordChangedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public uint Version { get; private set; }
    public List<UserRole> Roles { get; private set; } = [];

    public bool IsDeleted => DeletedAt is not null;

    public static User Register(EmailAddress email, string passwordHash, string? displayName, DateTimeOffset now)
    {
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email.Value,
            NormalizedEmail = email.Normalized,
            PasswordHash = passwordHash,
            DisplayName = displayName,
            DefaultSubstitution = SubstitutionPreference.AnySimilar,
            Language = ShopperLanguage.Default,
            CreatedAt = now,
            PasswordChangedAt = now,
        };
        user.Roles.Add(new UserRole(user.Id, GroceryRoles.Customer));
        return user;
    }

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    public void ChangePassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        PasswordChangedAt = now;
    }

    /// <summary>A stronger hash after the hasher's settings were raised; not a password change.</summary>
    public void UpgradePasswordHash(string passwordHash) => PasswordHash = passwordHash;

    public void UpdateProfile(
        string? displayName, string? protectedPhone, SubstitutionPreference defaultSubstitution, bool marketingConsent, string language)
    {
        if (!ShopperLanguage.IsSupported(language)) throw new ArgumentOutOfRangeException(nameof(language), language, "Unsupported language.");
        DisplayName = displayName;
        ProtectedPhone = protectedPhone;
        DefaultSubstitution = defaultSubstitution;
        MarketingConsent = marketingConsent;
        Language = language;
    }

    /// <summary>
    /// The warehouse claim of this user's access tokens: the assignment, but only for a warehouse-staff
    /// role, so an assignment left behind after the role was revoked grants nothing.
    /// </summary>
    public Guid? WarehouseClaim() =>
        WarehouseId is { } warehouse && Roles.Any(r => GroceryRoles.WarehouseStaff.Contains(r.Role)) ? warehouse : null;

    /// <summary>Erases everything that identifies the person; the row stays so the id is never reused.</summary>
    public void Erase(DateTimeOffset now)
    {
        Email = null;
        NormalizedEmail = null;
        PasswordHash = null;
        DisplayName = null;
        ProtectedPhone = null;
        MarketingConsent = false;
        Language = ShopperLanguage.Default;
        WarehouseId = null;
        AccessFailedCount = 0;
        LockoutEnd = null;
        DeletedAt = now;
        Roles.Clear();
    }
}
