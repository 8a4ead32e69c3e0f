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

    /// <summary>The Idempotency-Key of every checkout that reached the fake Ordering, in order.</summary>
    public ConcurrentQueue<string?> IdempotencyKeys { get; } = new();

    private readonly ConcurrentDictionary<string, Guid> _ordersByKey = new();

    /// <summary>The Cache-Control the fake Catalog puts on its category tree; none unless a test sets one.</summary>
    public string? CategoriesCacheControl { get; set; }

    /// <summary>How many lines the fake basket has (each a product Catalog's batch read knows).</summary>
    public int BasketSize { get; set; } = 1;

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
            app.MapGet("/api/v1/products", (int? limit, string? cursor, string? ids) => ids is not null
                ? Results.Json(new { items = ids.Split(',').Select((id, i) => Summary(i + 1, Guid.Parse(id))).ToList(), nextCursor = (string?)null })
                : Results.Json(new { items = Enumerable.Range(1, limit ?? 20).Select(i => Summary(i)).ToList(), nextCursor = limit > 1 ? $"after-{limit}" : null }));
            app.MapGet("/api/v1/orders", (HttpRequest request, int limit, string? cursor) => Signed(request)
                ? Results.Json(new
                {
                    items = Enumerable.Range(1, limit).Select(i => new
                    {
                        id = Guid.NewGuid(), status = "Delivered", placedAt = FirstWindow.AddDays(-i), estimatedTotal = 100_000m + i, slotWindowStart = FirstWindow.AddDays(1 - i),
                    }).ToList(),
                    nextCursor = cursor is null ? "page-2" : null,
                })
                : Results.Unauthorized());
            app.MapGet("/api/v1/orders/{id:guid}", (HttpRequest request, Guid id) => !Signed(request)
                ? Results.Unauthorized()
                : id == PackedOrderId ? Results.Json(Order(id, "CashOnDelivery", packed: true)) : Results.NotFound());
            app.MapGet("/api/v1/shipments/{orderId:guid}", (Guid orderId) => orderId == PackedOrderId
                ? Results.Json(new
                {
                    shipmentId = Guid.NewGuid(), orderId, carrier = "Grab", trackingNumber = "GRAB-123", status = "InTransit",
                    windowStart = FirstWindow, windowEnd = FirstWindow.AddHours(2),
                    timeline = new[] { new { status = "Booked", occurredAt = FirstWindow.AddHours(-2), description = "Booked with Grab", source = "grab" } },
                })
                : Results.NotFound());
            app.MapPost("/api/v1/orders", (HttpRequest request, CheckoutBody body) =>
            {
                var key = request.Headers["Idempotency-Key"].ToString();
                self.IdempotencyKeys.Enqueue(key);
                if (!Signed(request)) return Results.Unauthorized();
                if (key == ReusedKey)
                    return Results.Problem(statusCode: 422, title: "Idempotency-Key already used",
                        detail: "This Idempotency-Key was already used for a different checkout request. Use a new key for a new order.");
                if (body.SlotHoldId == LapsedHoldId)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["slotHoldId"] = ["Your delivery slot is no longer held."] });
                var repeated = true;
                var id = self._ordersByKey.GetOrAdd(key, _ =>
                {
                    repeated = false;
                    return Guid.NewGuid();
                });
                var order = Order(id, body.PaymentMethod, packed: false);
                return repeated ? Results.Json(order) : Results.Json(order, statusCode: 201);
            });
            app.MapGet("/api/v1/basket", (HttpRequest request) => Signed(request) ? Results.Json(Basket(self.BasketSize)) : Results.Unauthorized());
            app.MapPut("/api/v1/basket/lines/{productId:guid}", (Guid productId, BasketLineBody body) => body.Quantity <= 0
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = ["The quantity must be more than zero."] })
                : Results.Json(Basket(self.BasketSize)));
            app.MapGet("/api/v1/zones/lookup", (string postcode) => postcode == "00000"
                ? Results.Problem(statusCode: 422, title: "We do not deliver to this address yet.")
                : Results.Json(new { zoneId = ZoneId, name = "Quận 1" }));
            app.MapGet("/api/v1/slots", (Guid zoneId) => Results.Json(Enumerable.Range(0, 6).Select(i => Slot(zoneId, i)).ToList()));
            app.MapPost("/api/v1/slots/{slotId:guid}/holds", (Guid slotId) =>
                Results.Json(new { holdId = Guid.NewGuid(), slotId, expiresAt = DateTimeOffset.UtcNow.AddHours(1), releasedSlotId = (Guid?)null }, statusCode: 201));
            app.MapGet("/api/v1/products/{slug}", (string slug) => slug == "missing"
                ? Results.NotFound()
                : Results.Json(new
                {
                    id = Guid.Parse("00000000-0000-0000-0000-000000000042"), sku = "SKU-42", slug, name = "Sữa tươi", nameEn = "Fresh milk", brand = "Vinamilk",
                    price = 32000m, unitPrice = 32000m, unitPriceUnit = "l", soldBy = "each", unit = "l", netContent = 1m, dietaryTags = new[] { "vegetarian" },
                    image = (string?)null, availability = "in_stock", description = "Fresh every morning.", images = new[] { "milk.jpg" }, allergens = new[] { "milk" },
                    category = new[] { new { id = 1, name = "Dairy", slug = "dairy" }, new { id = 11, name = "Milk", slug = "milk" } },
                }));
            app.MapGet("/api/v1/categories", (HttpResponse response) =>
            {
                if (self.CategoriesCacheControl is { } cacheControl) response.Headers.CacheControl = cacheControl;
                return Results.Json(new[]
                {
                    Category(1, "Dairy", Category(11, "Milk"), Category(12, "Cheese")),
                    Category(2, "Bakery"),
                    Category(3, "Produce"),
                });
            });
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

    public static readonly Guid ZoneId = Guid.Parse("00000000-0000-0000-0000-00000000000a");

    public static readonly DateTimeOffset FirstWindow = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    private sealed record BasketLineBody(decimal Quantity);

    private sealed record CheckoutBody(Guid SlotHoldId, string PaymentMethod);

    /// <summary>The one order the fake Ordering shows the caller: packed, with a substitution, its receipt, and a shipment at Delivery.</summary>
    public static readonly Guid PackedOrderId = Guid.Parse("0a1b2c3d-0000-0000-0000-000000000001");

    /// <summary>A hold the fake Ordering says has lapsed.</summary>
    public static readonly Guid LapsedHoldId = Guid.Parse("00000000-0000-0000-0000-00000000dead");

    /// <summary>A key the fake Ordering says was used for a different checkout.</summary>
    public const string ReusedKey = "used-for-another-checkout";

    /// <summary>An order in Ordering's shape; a card checkout carries the payment session the browser confirms.</summary>
    private static object Order(Guid id, string paymentMethod, bool packed) => new
    {
        id, status = packed ? "Packed" : "Placed", placedAt = FirstWindow.AddDays(-1), paymentMethod,
        items = new[]
        {
            new { productId = Guid.NewGuid(), sku = "SKU-1", name = "Sữa tươi", quantity = 2m, unit = "each", unitPrice = 32000m, lineTotal = 64000m, isEstimate = false, vatRate = 8, substitution = "AnySimilar", substituteSku = (string?)null, note = (string?)null },
            new { productId = Guid.NewGuid(), sku = "SKU-2", name = "Cà chua", quantity = 0.5m, unit = "kg", unitPrice = 40000m, lineTotal = 20000m, isEstimate = true, vatRate = 5, substitution = "None", substituteSku = (string?)null, note = (string?)"ripe" },
        },
        subtotal = 84000m, vat = new[] { new { rate = 8, gross = 64000m, vat = 4741m }, new { rate = 5, gross = 20000m, vat = 952m } },
        deliveryFee = 15000m, estimatedTotal = 99000m, isEstimate = true,
        slot = new { slotId = Guid.NewGuid(), windowStart = FirstWindow, windowEnd = FirstWindow.AddHours(2) },
        steps = new { stock = "Succeeded", slot = "Succeeded", payment = "Succeeded", deadline = (DateTimeOffset?)null },
        cancellation = (object?)null, canCancel = !packed,
        timeline = packed
            ? new[] { new { status = "Placed", at = FirstWindow.AddDays(-1), note = (string?)null }, new { status = "Packed", at = FirstWindow.AddHours(-3), note = (string?)null } }
            : new[] { new { status = "Placed", at = FirstWindow.AddDays(-1), note = (string?)null } },
        changes = packed
            ? new[] { new { sku = "SKU-1", name = "Sữa tươi", change = "Substituted", orderedQuantity = 2m, deliveredQuantity = 2m, substituteSku = (string?)"SKU-9", substituteName = (string?)"Sữa tươi ít đường", reason = (string?)"Out of stock" } }
            : [],
        receipt = packed
            ? new
            {
                lines = new[]
                {
                    new { sku = "SKU-1", name = "Sữa tươi", unit = "each", orderedQuantity = 2m, deliveredQuantity = 2m, weightKg = (decimal?)null, substituteSku = (string?)"SKU-9", substituteName = (string?)"Sữa tươi ít đường", unitPrice = 30000m, lineTotal = 60000m, vatRate = 8, state = "Substituted", refusedQuantity = (decimal?)null },
                    new { sku = "SKU-2", name = "Cà chua", unit = "kg", orderedQuantity = 0.5m, deliveredQuantity = 0.55m, weightKg = (decimal?)0.55m, substituteSku = (string?)null, substituteName = (string?)null, unitPrice = 40000m, lineTotal = 22000m, vatRate = 5, state = "Picked", refusedQuantity = (decimal?)null },
                },
                subtotal = 82000m, vat = new[] { new { rate = 8, gross = 60000m, vat = 4444m }, new { rate = 5, gross = 22000m, vat = 1048m } },
                deliveryFee = 15000m, total = 97000m, paymentMethod, paid = 0m, toCollect = 97000m, refunded = 0m,
            }
            : null,
        paymentSession = !packed && paymentMethod == "Card"
            ? new { provider = "stripe", clientSecret = $"pi_{id:N}_secret_test", publishableKey = "pk_test_grocery" }
            : null,
    };

    private static object Basket(int lines) => new
    {
        basketId = Guid.NewGuid(),
        lines = Enumerable.Range(1, lines).Select(i => new
        {
            productId = Guid.NewGuid(), sku = $"SKU-{i}", name = $"Sản phẩm {i}", quantity = 1m, unit = "each", unitPrice = 10000m, lineTotal = 10000m,
            isEstimate = false, vatRate = 8, available = true, priceChanged = false, previousPrice = (decimal?)null, substitution = "AnySimilar",
            substituteSku = (string?)null, note = (string?)null,
        }).ToList(),
        subtotal = 10000m * lines, vat = new[] { new { rate = 8, gross = 10000m * lines, vat = Math.Round(10000m * lines * 8 / 108, 0, MidpointRounding.AwayFromZero) } },
        deliveryFee = 15000m, total = 10000m * lines + 15000m, isEstimate = false, zone = (object?)null, pricesChanged = false,
    };

    /// <summary>Two-hour windows from <see cref="FirstWindow"/>, one every four hours.</summary>
    private static object Slot(Guid zoneId, int i) => new
    {
        id = Guid.NewGuid(), zoneId, windowStart = FirstWindow.AddHours(4 * i), windowEnd = FirstWindow.AddHours(4 * i + 2),
        localWindowStart = FirstWindow.AddHours(4 * i).ToOffset(TimeSpan.FromHours(7)), localWindowEnd = FirstWindow.AddHours(4 * i + 2).ToOffset(TimeSpan.FromHours(7)),
        cutoffAt = FirstWindow.AddHours(4 * i - 1), capacity = 10, remaining = 10 - i, fee = 15000m, isPeak = i % 2 == 0, closed = false, available = true,
    };

    private static object Summary(int i, Guid? id = null) => new
    {
        id = id ?? Guid.NewGuid(), sku = $"SKU-{i}", slug = $"product-{i}", name = $"Sản phẩm {i}", nameEn = $"Product {i}", brand = "Brand",
        categoryId = i % 3 == 0 ? 2 : i % 3 == 1 ? 11 : 12, price = 10000m + i, unitPrice = 10000m + i, unitPriceUnit = "kg", soldBy = "each",
        unit = "kg", netContent = 1m, taxClass = 1, dietaryTags = Array.Empty<string>(), image = (string?)null, availability = "in_stock",
    };

    private static object Category(int id, string name, params object[] children) =>
        new { id, name, slug = name.ToLowerInvariant(), productCount = 10, children };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
