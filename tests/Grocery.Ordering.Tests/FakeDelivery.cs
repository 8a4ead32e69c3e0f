using System.Collections.Concurrent;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Grocery.Ordering.Tests;

/// <summary>Delivery at the HTTP boundary: zone lookup by postcode and extending a shopper's slot hold.</summary>
public sealed class FakeDelivery : IDisposable
{
    private readonly ConcurrentDictionary<string, Zone> _zones = new();
    private readonly ConcurrentDictionary<Guid, Hold> _holds = new();
    private readonly WireMockServer _server = WireMockServer.Start();

    public FakeDelivery()
    {
        _server.Given(Request.Create().WithPath("/api/v1/zones/lookup").UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var postcode = request.Query is { } q && q.TryGetValue("postcode", out var v) ? v.FirstOrDefault() : null;
                return postcode is not null && _zones.TryGetValue(postcode, out var zone)
                    ? FakeHttp.Json(200, new { zone.ZoneId, Name = "Zone " + postcode, zone.WarehouseId, TimeZone = "Asia/Ho_Chi_Minh",
                        zone.MinimumBasketValue, zone.StandardFee, PeakFee = zone.StandardFee, FreeDeliveryThreshold = (decimal?)null,
                        DeliveryFee = zone.StandardFee })
                    : FakeHttp.Json(422, new { title = "We do not deliver to this address yet.", status = 422 });
            }));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/api/v1/slots/holds/[0-9a-f-]+/extend$")).UsingPost())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var holdId = Guid.Parse(request.Path.Split('/')[5]);
                if (!_holds.TryGetValue(holdId, out var hold)) return FakeHttp.Json(404, null);
                if (hold.Expired)
                    return FakeHttp.Json(409, new { title = "Conflict", detail = "The slot hold has expired or was released; choose a slot again.", status = 409 });
                var expiresAt = DateTimeOffset.UtcNow + hold.ExtendBy;
                return FakeHttp.Json(200, new
                {
                    HoldId = holdId, hold.SlotId, hold.Zone.ZoneId, hold.Zone.WarehouseId, ExpiresAt = expiresAt,
                    WindowStart = DateTimeOffset.UtcNow + hold.WindowIn, WindowEnd = DateTimeOffset.UtcNow + hold.WindowIn + TimeSpan.FromHours(1),
                    CutoffAt = DateTimeOffset.UtcNow.AddHours(2), Fee = hold.Zone.StandardFee,
                    hold.Zone.MinimumBasketValue, FreeDeliveryThreshold = (decimal?)null, DeliveryFee = hold.Zone.StandardFee,
                });
            }));
    }

    public string Url => _server.Url!;

    public Zone AddZone(decimal minimumBasketValue = 100_000m, decimal standardFee = 15_000m, string? postcode = null)
    {
        var zone = new Zone(postcode ?? $"7{Random.Shared.Next(0, 99999):D5}", Guid.NewGuid(), Guid.NewGuid(), minimumBasketValue, standardFee);
        _zones[zone.Postcode] = zone;
        return zone;
    }

    /// <summary>A hold the shopper took; every extension pushes its expiry to now + <paramref name="extendBy"/> (15 minutes by default).</summary>
    public Hold AddHold(Zone zone, TimeSpan? extendBy = null, TimeSpan? windowIn = null)
    {
        var hold = new Hold(Guid.NewGuid(), Guid.NewGuid(), zone, extendBy ?? TimeSpan.FromMinutes(15), WindowIn: windowIn ?? TimeSpan.FromHours(4));
        _holds[hold.HoldId] = hold;
        return hold;
    }

    public void Expire(Guid holdId) => _holds[holdId] = _holds[holdId] with { Expired = true };

    public IReadOnlyList<string?> AuthorizationHeadersForExtend(Guid holdId) =>
        _server.LogEntries.Where(e => e.RequestMessage.Path.Contains(holdId.ToString()))
            .Select(e => e.RequestMessage.Headers is { } h && h.TryGetValue("Authorization", out var a) ? a.FirstOrDefault() : null)
            .ToList();

    public void Dispose() => _server.Stop();

    public sealed record Zone(string Postcode, Guid ZoneId, Guid WarehouseId, decimal MinimumBasketValue, decimal StandardFee);

    /// <param name="WindowIn">How far from now the held slot's window starts.</param>
    public sealed record Hold(Guid HoldId, Guid SlotId, Zone Zone, TimeSpan ExtendBy, bool Expired = false, TimeSpan WindowIn = default);
}
