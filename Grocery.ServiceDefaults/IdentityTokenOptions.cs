namespace Grocery.ServiceDefaults;

/// <summary>
/// How services validate the tokens Identity issues. The issuer is fixed by configuration, never
/// derived from an address found by service discovery, so a token cannot name where it is checked.
/// </summary>
public sealed class IdentityTokenOptions
{
    public const string SectionName = "Identity";

    public string Issuer { get; set; } = "https://identity.grocery.local";

    public string Audience { get; set; } = "grocery";

    /// <summary>Where the JWKS document lives; defaults to Identity's address from service discovery.</summary>
    public string? JwksUri { get; set; }
}
