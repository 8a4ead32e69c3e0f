using Grocery.Contracts;

namespace Grocery.Identity.Apis;

public sealed record ProfileResponse(
    Guid Id,
    string Email,
    string? Name,
    string? Phone,
    string DefaultSubstitution,
    bool MarketingConsent,
    string Language,
    string[] Roles);

public sealed record UpdateProfileRequest(string? Name, string? Phone, string? DefaultSubstitution, bool? MarketingConsent, string? Language);

public sealed record AddressRequest(string? Label, string? Street, string? Ward, string? District, string? City, string? PostalCode, bool? IsDefault);

public sealed record AddressResponse(Guid Id, string Label, string Street, string? Ward, string District, string City, string? PostalCode, bool IsDefault);

internal static class SubstitutionNames
{
    public static string ToName(SubstitutionPreference preference) => preference switch
    {
        SubstitutionPreference.None => "none",
        SubstitutionPreference.AnySimilar => "anySimilar",
        _ => "namedSku",
    };

    /// <summary>A named substitute is chosen per basket line, so it cannot be a profile default.</summary>
    public static SubstitutionPreference? ParseDefault(string? name) => name switch
    {
        "none" => SubstitutionPreference.None,
        "anySimilar" => SubstitutionPreference.AnySimilar,
        _ => null,
    };
}
