using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Grocery.Ordering.Tests;

/// <summary>
/// Identity's profile API at the HTTP boundary: GET /api/v1/me and /api/v1/me/addresses/{id} answer
/// for the user named by the bearer token's subject, so only a forwarded shopper token finds anything.
/// </summary>
public sealed class FakeIdentity : IDisposable
{
    private readonly ConcurrentDictionary<string, Profile> _profiles = new();
    private readonly ConcurrentDictionary<Guid, (string UserId, Address Address)> _addresses = new();
    private readonly WireMockServer _server = WireMockServer.Start();

    public FakeIdentity()
    {
        _server.Given(Request.Create().WithPath("/api/v1/me").UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
                SubjectOf(request) is { } user && _profiles.TryGetValue(user, out var profile)
                    ? FakeHttp.Json(200, new { Id = user, Email = $"{user}@example.test", profile.Name, profile.Phone, DefaultSubstitution = "AnySimilar", MarketingConsent = false, Roles = new[] { "customer" } })
                    : FakeHttp.Json(404, null)));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/api/v1/me/addresses/[0-9a-f-]+$")).UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var id = Guid.Parse(request.Path.Split('/')[5]);
                return _addresses.TryGetValue(id, out var saved) && saved.UserId == SubjectOf(request)
                    ? FakeHttp.Json(200, saved.Address)
                    : FakeHttp.Json(404, null);
            }));
    }

    public string Url => _server.Url!;

    public void AddProfile(string userId, string? name, string? phone) => _profiles[userId] = new(name, phone);

    public Address AddAddress(string userId, string street, string district, string? postalCode, string? ward = "Phường Bến Nghé", string city = "Hồ Chí Minh")
    {
        var address = new Address(Guid.NewGuid(), "Home", street, ward, district, city, postalCode, true);
        _addresses[address.Id] = (userId, address);
        return address;
    }

    /// <summary>The subject of the bearer token, read without checking it: the fake stands for Identity, which did.</summary>
    private static string? SubjectOf(WireMock.IRequestMessage request)
    {
        if (request.Headers is null || !request.Headers.TryGetValue("Authorization", out var values)) return null;
        var token = values.FirstOrDefault()?.Split(' ', 2) is ["Bearer", var t] ? t : null;
        var payload = token?.Split('.') is [_, var p, _] ? p : null;
        if (payload is null) return null;
        var padded = payload.Replace('-', '+').Replace('_', '/').PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
        return json.RootElement.TryGetProperty("sub", out var sub) ? sub.GetString() : null;
    }

    public void Dispose() => _server.Stop();

    public sealed record Profile(string? Name, string? Phone);

    public sealed record Address(Guid Id, string Label, string Street, string? Ward, string District, string City, string? PostalCode, bool IsDefault);
}
