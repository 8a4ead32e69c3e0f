using System.Collections.Concurrent;
using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Grocery.Ordering.Tests;

/// <summary>
/// Inventory at the HTTP boundary for pickers: availability of substitute candidates and substitute
/// reservations (409 when not enough is available, the same answer again for the same Idempotency-Key).
/// </summary>
public sealed class FakeInventory : IDisposable
{
    private readonly ConcurrentDictionary<string, decimal> _available = new();
    private readonly ConcurrentDictionary<string, int> _reservations = new();
    private readonly ConcurrentQueue<(Guid OrderId, string OriginalSku, string Sku, decimal Quantity, string? Authorization)> _reserved = new();
    private readonly WireMockServer _server = WireMockServer.Start();

    public FakeInventory()
    {
        _server.Given(Request.Create().WithPath("/api/v1/stock/availability").UsingPost())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                using var body = JsonDocument.Parse(request.Body!);
                var lines = body.RootElement.GetProperty("lines").EnumerateArray().Select(l =>
                {
                    var sku = l.GetProperty("sku").GetString()!;
                    var requested = l.GetProperty("quantity").GetDecimal();
                    var available = _available.GetValueOrDefault(sku);
                    return new { sku, requested, available, state = available > 0 ? "InStock" : "OutOfStock", sufficient = available >= requested };
                }).ToList();
                return FakeHttp.Json(200, new { warehouseId = body.RootElement.GetProperty("warehouseId").GetGuid(), allAvailable = lines.All(l => l.sufficient), lines });
            }));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/api/v1/reservations/[0-9a-f-]+/substitutions$")).UsingPost())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var orderId = Guid.Parse(request.Path.Split('/')[4]);
                var key = request.Headers!["Idempotency-Key"][0];
                using var body = JsonDocument.Parse(request.Body!);
                var sku = body.RootElement.GetProperty("sku").GetString()!;
                var quantity = body.RootElement.GetProperty("quantity").GetDecimal();
                lock (_reservations)
                {
                    if (!_reservations.TryGetValue(key, out var status))
                    {
                        status = _available.GetValueOrDefault(sku) >= quantity ? 200 : 409;
                        if (status == 200)
                        {
                            _available[sku] -= quantity;
                            _reserved.Enqueue((orderId, body.RootElement.GetProperty("originalSku").GetString()!, sku, quantity,
                                request.Headers.TryGetValue("Authorization", out var auth) ? auth[0] : null));
                        }
                        _reservations[key] = status;
                    }
                    return status == 200
                        ? FakeHttp.Json(200, new { orderId, status = "Pending" })
                        : FakeHttp.Json(409, new { title = "Not enough stock", status = 409 });
                }
            }));
    }

    public string Url => _server.Url!;

    public void SetAvailable(string sku, decimal quantity) => _available[sku] = quantity;

    public decimal Available(string sku) => _available.GetValueOrDefault(sku);

    public IReadOnlyList<(Guid OrderId, string OriginalSku, string Sku, decimal Quantity, string? Authorization)> ReservationsFor(Guid orderId) =>
        _reserved.Where(r => r.OrderId == orderId).ToList();

    public void Dispose() => _server.Stop();
}
