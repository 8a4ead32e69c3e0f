using Grocery.Contracts.Delivery;

namespace Grocery.Identity.Domain;

/// <summary>
/// The bounds of everything Identity stores. The model configuration sizes its columns from these and
/// request validation checks against them, so a value that passes validation fits.
/// </summary>
public static class IdentityLimits
{
    /// <summary>RFC 5321's limit on a forward path leaves 254 characters for the address itself.</summary>
    public const int EmailMaxLength = 254;

    public const int PasswordMinLength = 10;

    /// <summary>Only the hash is stored; the bound keeps hashing cheap.</summary>
    public const int PasswordMaxLength = 128;

    public const int PasswordHashMaxLength = 512;

    public const int DisplayNameMaxLength = 100;

    public const int SubstitutionMaxLength = 20;

    public const int RoleMaxLength = 32;

    /// <summary>A two-letter ISO 639-1 code today; room for a region tag (vi-VN) later.</summary>
    public const int LanguageMaxLength = 8;

    /// <summary>Refresh tokens are 32 random bytes in base64url (43 characters); nothing longer was ever issued.</summary>
    public const int RefreshTokenMaxLength = 100;

    public const int AddressLabelMaxLength = 50;

    /// <summary>Stored encrypted, so the column holds more; the bound is on what the shopper enters.</summary>
    public const int StreetMaxLength = 200;

    public const int WardMaxLength = 100;

    public const int DistrictMaxLength = 100;

    public const int CityMaxLength = 100;

    /// <summary>The column is wider, but Ordering stores a delivery postcode of at most this length, so a saved address can be checked out to.</summary>
    public const int PostalCodeColumnLength = 20;

    public const int PostalCodeMaxLength = AddressLimits.PostcodeMaxLength;

    public const int IdempotencyKeyMaxLength = 100;

    public const int SigningKeyIdMaxLength = 64;

    public const int SigningKeyModulusMaxLength = 1024;

    public const int SigningKeyExponentMaxLength = 16;
}
