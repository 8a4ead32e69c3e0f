using System.Collections.Concurrent;
using System.Text.Json;
using Grocery.Ordering.Clients;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Grocery.Ordering.Tests;

/// <summary>Catalog at the HTTP boundary: GET /api/v1/products?ids=... answers the known, active products.</summary>
public sealed class FakeCatalog : IDisposable
{
    private readonly ConcurrentDictionary<Guid, CatalogProduct> _products = new();
    private readonly WireMockServer _server = WireMockServer.Start();

    public FakeCatalog()
    {
        _server.Given(Request.Create().WithPath("/api/v1/products").UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var ids = request.Query is { } query && query.TryGetValue("ids", out var values)
                    ? values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(Guid.Parse).ToList()
                    : [];
                var found = ids.Distinct().Where(_products.ContainsKey).Select(id => _products[id]).ToList();
                return FakeHttp.Json(200, found);
            }));
    }

    public string Url => _server.Url!;

    /// <summary>Calls that asked for any of <paramref name="productIds"/> (other tests share this fake), and how many asked for all of them at once.</summary>
    public (int Any, int All) CallsFor(params Guid[] productIds)
    {
        var queries = _server.LogEntries.Where(e => e.RequestMessage.Path == "/api/v1/products")
            .Select(e => e.RequestMessage.Url).ToList();
        return (queries.Count(q => productIds.Any(id => q.Contains(id.ToString()))),
            queries.Count(q => productIds.All(id => q.Contains(id.ToString()))));
    }

    public CatalogProduct Add(string name, decimal price, int taxClass = 8, bool soldByWeight = false)
    {
        var id = Guid.NewGuid();
        var product = new CatalogProduct(id, $"SKU-{id.ToString("N")[..8].ToUpperInvariant()}", name, price, taxClass, soldByWeight ? "Weight" : "Each");
        _products[id] = product;
        return product;
    }

    public void SetPrice(Guid id, decimal price) => _products[id] = _products[id] with { Price = price };

    public void Deactivate(Guid id) => _products.TryRemove(id, out _);

    public void Dispose() => _server.Stop();
}

internal static class FakeHttp
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IResponseMessage Json(int status, object? body) => new ResponseMessage
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = body is null ? null : new WireMock.Util.BodyData
        {
            BodyAsString = JsonSerializer.Serialize(body, Options),
            DetectedBodyType = WireMock.Types.BodyType.String,
        },
    };
}
