using Grocery.Delivery.Clients;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Grocery.Delivery.Tests;

/// <summary>
/// WireMock fakes of what Delivery calls as itself: Identity's client-credentials token endpoint, and
/// Ordering's drop-off endpoint, which answers only with the token Identity handed out.
/// </summary>
public sealed class ServiceFakes : IDisposable
{
    public const string ClientId = "delivery";
    public const string ClientSecret = "delivery-client-secret";
    public const string ServiceToken = "delivery-service-token";

    public WireMockServer Identity { get; } = WireMockServer.Start();

    public WireMockServer Ordering { get; } = WireMockServer.Start();

    public ServiceFakes()
    {
        Identity.Given(Request.Create().WithPath("/api/v1/auth/token").UsingPost()
                .WithBody(b => b != null && b.Contains("grant_type=client_credentials") && b.Contains($"client_id={ClientId}")
                    && b.Contains($"client_secret={ClientSecret}")))
            .RespondWith(Response.Create().WithBodyAsJson(new { access_token = ServiceToken, token_type = "Bearer", expires_in = 900 }));
        Ordering.Given(Request.Create().WithPath("/api/v1/dispatch/*").UsingGet()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(404));
    }

    /// <summary>Configuration that points Delivery's service token and Ordering client at these fakes.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["ServiceAuth:ClientId"] = ClientId,
        ["ServiceAuth:ClientSecret"] = ClientSecret,
        ["ServiceAuth:TokenEndpoint"] = $"{Identity.Url}/api/v1/auth/token",
        ["Delivery:OrderingUrl"] = Ordering.Url,
    };

    /// <summary>Ordering knows the order's drop-off (and tells it only to a caller with the service token).</summary>
    public void GivenDropOff(Guid orderId, DropOffAddress dropOff) =>
        Ordering.Given(Request.Create().WithPath($"/api/v1/dispatch/{orderId}/drop-off").UsingGet()
                .WithHeader("Authorization", $"Bearer {ServiceToken}"))
            .AtPriority(1)
            .RespondWith(Response.Create().WithBodyAsJson(new
            {
                recipientName = dropOff.RecipientName,
                phone = dropOff.Phone,
                address = dropOff.Address,
                district = dropOff.District,
                postcode = dropOff.Postcode,
                latitude = dropOff.Latitude,
                longitude = dropOff.Longitude,
            }));

    /// <summary>A drop-off whose every field is unique to the test, so it can be searched for where it must not be.</summary>
    public static DropOffAddress NewDropOff()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        return new DropOffAddress($"Nguyễn Thị {unique}", $"09{Random.Shared.Next(10_000_000, 99_999_999)}",
            $"{Random.Shared.Next(1, 999)} Đường {unique}, Phường Bến Nghé", "Quận 1", "700000", 10.7769, 106.7009);
    }

    public int DropOffCalls(Guid orderId) => Ordering.LogEntries.Count(e => e.RequestMessage.Path == $"/api/v1/dispatch/{orderId}/drop-off");

    public void Dispose()
    {
        Identity.Stop();
        Ordering.Stop();
    }
}
