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
                if (request.Query is { } byCategory && byCategory.TryGetValue("category", out var category))
                {
                    var id = int.Parse(category[0], System.Globalization.CultureInfo.InvariantCulture);
                    return FakeHttp.Json(200, new { items = _products.Values.Where(p => p.CategoryId == id).OrderBy(p => p.Sku).ToList(), nextCursor = (string?)null });
                }
                var ids = request.Query is { } query && query.TryGetValue("ids", out var values)
                    ? values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(Guid.Parse).ToList()
                    : [];
                var found = ids.Distinct().Where(_products.ContainsKey).Select(id => _products[id]).ToList();
                return FakeHttp.Json(200, found);
            }));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/api/v1/products/[a-z0-9-]+$")).UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var slug = request.Path.Split('/')[^1];
                var product = _products.Values.FirstOrDefault(p => p.Slug == slug);
                return product is not null && _shelves.TryGetValue(product.Id, out var shelf)
                    ? FakeHttp.Json(200, new { product.Id, product.Sku, shelf.Gtin, product.Slug, product.Name, shelf.Storage, category = shelf.Category })
                    : FakeHttp.Json(404, null);
            }));
        _server.Given(Request.Create().WithPath("/api/v1/search").UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var q = request.Query!["q"][0];
                var hits = _products.Values.Where(p => string.Equals(p.Sku, q, StringComparison.OrdinalIgnoreCase)).ToList();
                return FakeHttp.Json(200, new { query = q, interpretedAs = q, items = hits });
            }));
    }

    private readonly ConcurrentDictionary<Guid, Shelf> _shelves = new();

    /// <summary>A product with its shelf details: GTIN, storage and category (its aisle), and one item's size.</summary>
    public CatalogProduct AddShelved(string name, decimal price, int taxClass, bool soldByWeight, string storage, int categoryId, string categoryName,
        string unit = "g", decimal netContent = 500m)
    {
        var id = Guid.NewGuid();
        var sku = $"SKU-{id.ToString("N")[..8].ToUpperInvariant()}";
        var product = new CatalogProduct(id, sku, name, price, taxClass, soldByWeight ? "Weight" : "Each",
            $"p-{id:N}", categoryId, soldByWeight ? "kg" : unit, soldByWeight ? 1m : netContent);
        _shelves[id] = new Shelf($"89{Random.Shared.NextInt64(10_000_000_000, 99_999_999_999)}", storage,
            [new Category(1, "Food", "food"), new Category(categoryId, categoryName, $"c{categoryId}")]);
        _products[id] = product;
        return product;
    }

    public string GtinOf(Guid productId) => _shelves[productId].Gtin;

    /// <summary>How many times the product's detail (its shelf details) was read.</summary>
    public int DetailReadsOf(CatalogProduct product) =>
        _server.LogEntries.Count(e => e.RequestMessage.Path == $"/api/v1/products/{product.Slug}");

    private sealed record Shelf(string Gtin, string Storage, IReadOnlyList<Category> Category);

    private sealed record Category(int Id, string Name, string Slug);

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
