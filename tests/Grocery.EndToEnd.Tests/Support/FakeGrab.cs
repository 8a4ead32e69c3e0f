using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>
/// Grab Express's API at the HTTP boundary: a token and bookings, each booking answered with a delivery
/// id of its own. The AppHost is given Grab's credentials as its secret parameters, so Delivery's real
/// Grab client books here for zones served by Grab; every other zone stays with the in-house fleet.
/// </summary>
public sealed class FakeGrab : IDisposable
{
    public const string Deliveries = "/grab-express/v1/deliveries";
    public const string WebhookSecret = "e2e-grab-webhook-secret";

    public static readonly string[] Parameters =
    [
        "--Parameters:grab-client-id=grocery-e2e", "--Parameters:grab-client-secret=e2e-grab-client-secret", $"--Parameters:grab-webhook-secret={WebhookSecret}",
    ];

    private readonly WireMockServer _server = WireMockServer.Start();

    public FakeGrab()
    {
        _server.Given(Request.Create().WithPath("/grabid/v1/oauth2/token").UsingPost())
            .RespondWith(Response.Create().WithBodyAsJson(new { access_token = "e2e-grab-token", token_type = "Bearer", expires_in = 3600 }));
        _server.Given(Request.Create().WithPath(Deliveries).UsingPost().WithHeader("Authorization", "Bearer e2e-grab-token"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                using var booking = JsonDocument.Parse(request.Body!);
                return JsonSerializer.Serialize(new
                {
                    deliveryID = DeliveryIdOf(booking.RootElement.GetProperty("merchantOrderID").GetString()!), status = "ALLOCATING", quote = new { amount = 32000 },
                });
            }));
    }

    public string Url => _server.Url!;

    public static string DeliveryIdOf(string orderId) => $"IN-GRAB-{orderId[..8]}";

    /// <summary>The booking Delivery sent for an order, once it has.</summary>
    public JsonElement? BookingFor(Guid orderId) => _server.LogEntries
        .Where(e => e.RequestMessage.Path == Deliveries && e.RequestMessage.Method == "POST" && e.RequestMessage.Body is not null)
        .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement)
        .Where(b => b.GetProperty("merchantOrderID").GetString() == orderId.ToString())
        .Select(b => (JsonElement?)b)
        .FirstOrDefault();

    public int BookingsFor(Guid orderId) => _server.LogEntries.Count(e => e.RequestMessage.Path == Deliveries && e.RequestMessage.Method == "POST"
        && e.RequestMessage.Body?.Contains(orderId.ToString(), StringComparison.Ordinal) == true);

    public void Dispose() => _server.Stop();
}
