namespace Grocery.ServiceDefaults.ServiceTokens;

/// <summary>
/// The calling service's client credentials, bound from the "ServiceAuth" section (the AppHost passes
/// the secret as a secret parameter). Identity issues a token with the <see cref="GroceryRoles.Service"/> role for them.
/// </summary>
public sealed class ServiceTokenOptions
{
    public const string SectionName = "ServiceAuth";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Identity's token endpoint; defaults to Identity's address from service discovery.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>A token is renewed this long before it expires, so a request never leaves with one about to lapse.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromSeconds(60);
}
