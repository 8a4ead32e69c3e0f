using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grocery.Gateway.Tests;

/// <summary>
/// Catalog's read API and Identity's <c>/api/v1/me</c> with made-up data on a loopback port,
/// recording every call, so the GraphQL tests can count the downstream calls a query makes.
/// </summary>
public sealed class FakeReadApis : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeReadApis(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public ConcurrentQueue<string> Calls { get; } = new();

    public static async Task<FakeReadApis> StartAsync()
    {
        FakeReadApis? catalog = null;
        await LoopbackApp.StartAsync((app, address) =>
        {
            var self = new FakeReadApis(app, address);
            catalog = self;
            app.Use((context, next) =>
            {
                self.Calls.Enqueue(context.Request.Path + context.Request.QueryString);
                return next(context);
            });
            app.MapGet("/api/v1/products", (int limit, string? cursor) =>
                Results.Json(new { items = Enumerable.Range(1, limit).Select(i => Summary(i)).ToList(), nextCursor = limit > 1 ? $"after-{limit}" : null }));
            app.MapGet("/api/v1/products/{slug}", (string slug) => slug == "missing"
                ? Results.NotFound()
                : Results.Json(new
                {
                    id = Guid.Parse("00000000-0000-0000-0000-000000000042"), sku = "SKU-42", slug, name = "Sữa tươi", nameEn = "Fresh milk", brand = "Vinamilk",
                    price = 32000m, unitPrice = 32000m, unitPriceUnit = "l", soldBy = "each", unit = "l", netContent = 1m, dietaryTags = new[] { "vegetarian" },
                    image = (string?)null, availability = "in_stock", description = "Fresh every morning.", images = new[] { "milk.jpg" }, allergens = new[] { "milk" },
                    category = new[] { new { id = 1, name = "Dairy", slug = "dairy" }, new { id = 11, name = "Milk", slug = "milk" } },
                }));
            app.MapGet("/api/v1/categories", () => Results.Json(new[]
            {
                Category(1, "Dairy", Category(11, "Milk"), Category(12, "Cheese")),
                Category(2, "Bakery"),
                Category(3, "Produce"),
            }));
            app.MapGet("/api/v1/search", (string q, int limit) =>
                Results.Json(new { query = q, interpretedAs = q.ToLowerInvariant(), items = Enumerable.Range(1, limit).Select(i => Summary(i)).ToList() }));
            app.MapGet("/api/v1/search/suggest", (string q) =>
                Results.Json(new { query = q, items = new[] { new { name = "Sữa chua", nameEn = "Yoghurt", slug = "yoghurt", sku = "SKU-7" } } }));
            app.MapGet("/api/v1/me", (HttpRequest request) => Signed(request)
                ? Results.Json(new
                {
                    id = Guid.Parse("00000000-0000-0000-0000-000000000007"), email = "lan@grocery.test", name = "Lan Nguyễn", phone = (string?)null,
                    defaultSubstitution = "similar", marketingConsent = false, roles = new[] { "customer" },
                })
                : Results.Unauthorized());
            app.MapGet("/api/v1/me/addresses", (HttpRequest request) => Signed(request)
                ? Results.Json(Enumerable.Range(1, 3).Select(i => new
                {
                    id = Guid.NewGuid(), label = $"Address {i}", street = $"{i} Lê Lợi", ward = "Bến Nghé", district = "Quận 1", city = "Hồ Chí Minh",
                    postalCode = (string?)null, isDefault = i == 1,
                }))
                : Results.Unauthorized());
        });
        return catalog!;
    }

    // The gateway forwards the caller's token; this fake only checks that one arrived.
    private static bool Signed(HttpRequest request) => request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal);

    private static object Summary(int i) => new
    {
        id = Guid.NewGuid(), sku = $"SKU-{i}", slug = $"product-{i}", name = $"Sản phẩm {i}", nameEn = $"Product {i}", brand = "Brand",
        categoryId = i % 3 == 0 ? 2 : i % 3 == 1 ? 11 : 12, price = 10000m + i, unitPrice = 10000m + i, unitPriceUnit = "kg", soldBy = "each",
        unit = "kg", netContent = 1m, taxClass = 1, dietaryTags = Array.Empty<string>(), image = (string?)null, availability = "in_stock",
    };

    private static object Category(int id, string name, params object[] children) =>
        new { id, name, slug = name.ToLowerInvariant(), productCount = 10, children };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
