using System.Net;
using System.Net.Http.Json;
using GraphQL;

namespace Grocery.Gateway.GraphQL;

public sealed record IdentityProfile(Guid Id, string Email, string? Name, string? Phone, string DefaultSubstitution, bool MarketingConsent, string[] Roles);

public sealed record IdentityAddress(Guid Id, string Label, string Street, string? Ward, string District, string City, string? PostalCode, bool IsDefault);

/// <summary>Identity's API for the signed-in shopper, typed; the caller's token goes with each call.</summary>
public sealed class IdentityClient(HttpClient http)
{
    public async Task<IdentityProfile> ProfileAsync(CancellationToken ct) => (await GetAsync<IdentityProfile>("/api/v1/me", ct))!;

    public async Task<IReadOnlyList<IdentityAddress>> AddressesAsync(CancellationToken ct) =>
        (await GetAsync<List<IdentityAddress>>("/api/v1/me/addresses", ct))!;

    private async Task<T?> GetAsync<T>(string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new ExecutionError("Sign in again: Identity did not accept the token.") { Code = StorefrontErrors.Unauthenticated };
        if (!response.IsSuccessStatusCode)
            throw new ExecutionError($"Identity answered {(int)response.StatusCode}.") { Code = StorefrontErrors.DownstreamUnavailable };
        return await response.Content.ReadFromJsonAsync<T>(ct);
    }
}

public static class StorefrontErrors
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string DownstreamUnavailable = "DOWNSTREAM_UNAVAILABLE";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string NotFound = "NOT_FOUND";
}
