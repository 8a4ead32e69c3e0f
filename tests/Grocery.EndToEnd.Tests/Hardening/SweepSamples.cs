using System.Net;
using System.Text.Json.Nodes;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>One valid request for each endpoint the services describe, keyed by method and route template.</summary>
public static class SweepSamples
{
    /// <summary>A GTIN-13 of its own with a valid check digit, since GTINs are unique in the catalog.</summary>
    public static string NewGtin()
    {
        var digits = "893" + Random.Shared.NextInt64(0, 1_000_000_000).ToString("D9");
        var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return digits + (10 - sum % 10) % 10;
    }

    public static JsonObject NewProduct() => new()
    {
        ["sku"] = $"SWEEP-{Guid.NewGuid():N}"[..20].ToUpperInvariant(),
        ["gtin"] = NewGtin(),
        ["name"] = "Sữa tươi thử nghiệm",
        ["nameEn"] = "Sweep test milk",
        ["description"] = "Một sản phẩm do bài kiểm tra tạo ra.",
        ["brand"] = "Sweep",
        ["categoryId"] = 1,
        ["soldBy"] = "each",
        ["unit"] = "ml",
        ["netContent"] = 1000m,
        ["price"] = 32000m,
        ["taxClass"] = 5,
        ["dietaryTags"] = new JsonArray("vegetarian"),
        ["allergens"] = new JsonArray("milk"),
        ["countryOfOrigin"] = "VN",
        ["storage"] = "chilled",
        ["perishable"] = true,
        ["shelfLifeDays"] = 10,
        ["images"] = new JsonArray(),
    };

    public static JsonObject Address(string postcode) => new()
    {
        ["label"] = "Home",
        ["street"] = "12 Nguyễn Huệ",
        ["ward"] = "Bến Nghé",
        ["district"] = "Quận 1",
        ["city"] = "Hồ Chí Minh",
        ["postalCode"] = postcode,
        ["isDefault"] = true,
    };

    private static Dictionary<string, string> Q(params (string Key, object Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!);

    private static JsonObject Lines(Guid warehouseId, string sku, params (string Key, JsonNode? Value)[] extra)
    {
        var line = new JsonObject { ["sku"] = sku, ["quantity"] = 2m };
        foreach (var (key, value) in extra) line[key] = value;
        return new JsonObject { ["warehouseId"] = warehouseId, ["reason"] = "Sweep", ["lines"] = new JsonArray(line) };
    }

    public static Dictionary<string, SweepSample> For(SweepWorld w)
    {
        var sku = w.Product.Sku;
        var later = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(60)).ToString("O");
        var notFound = new[] { HttpStatusCode.NotFound };
        var f = w.Fulfilment;
        var pickOrder = f.PickOrderId;
        return new Dictionary<string, SweepSample>
        {
            // Catalog
            ["GET /api/v1/products"] = new(w.Anonymous, Query: Q(("limit", 20), ("sort", "price"))),
            ["GET /api/v1/products/{slug}"] = new(w.Anonymous, Route: Q(("slug", w.ProductSlug))),
            ["GET /api/v1/products/{id}"] = new(w.Manager, Route: Q(("id", w.EditableProductId))),
            ["POST /api/v1/products"] = new(w.Manager, Fresh: NewProduct),
            ["PUT /api/v1/products/{id}"] = new(w.Manager, Fresh: () => Renamed(w.EditableProduct), Route: Q(("id", w.EditableProductId)), Order: 1, IfMatchOf: $"/api/v1/products/{w.EditableProductId}"),
            ["PUT /api/v1/products/{id}/price"] = new(w.Manager, Body: new JsonObject { ["price"] = 31000m }, Route: Q(("id", w.EditableProductId)), Order: 2,
                IfMatchOf: $"/api/v1/products/{w.EditableProductId}"),
            ["POST /api/v1/products/{id}/deactivate"] = new(w.Manager, Route: Q(("id", w.EditableProductId)), Order: 9, IfMatchOf: $"/api/v1/products/{w.EditableProductId}"),
            ["POST /api/v1/products/import"] = new(w.Manager, ContentType: "text/csv", RawBody:
                "sku,gtin,name,brand,category_path,sold_by,unit,net_content,price,tax_class,storage\n" +
                $"SWEEP-IMP-{Guid.NewGuid():N}"[..24].ToUpperInvariant() + ",8934588012235,Gạo thử,Sweep,Gạo > Gạo tẻ,each,kg,5,120000,5,ambient\n"),
            ["GET /api/v1/categories"] = new(w.Anonymous),
            ["GET /api/v1/search"] = new(w.Anonymous, Query: Q(("q", "sua tuoi"), ("limit", 10))),
            ["GET /api/v1/search/suggest"] = new(w.Anonymous, Query: Q(("q", "sua"))),

            // Inventory
            ["GET /api/v1/stock/{sku}"] = new(w.Manager, Route: Q(("sku", sku))),
            ["GET /api/v1/stock/alerts/low-stock"] = new(w.Manager, Query: Q(("limit", 10))),
            ["GET /api/v1/stock/alerts/expiring"] = new(w.Manager, Query: Q(("days", 7))),
            ["GET /api/v1/stock/low-summary"] = new(w.Admin, Query: Q(("shown", 5))),
            ["POST /api/v1/stock/availability"] = new(w.Shopper, Body: new JsonObject
            {
                ["warehouseId"] = w.WarehouseId, ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 1m }),
            }),
            ["GET /api/v1/stock/{sku}/movements"] = new(w.Manager, Route: Q(("sku", sku)), Query: Q(("warehouseId", w.WarehouseId), ("limit", 10))),
            ["POST /api/v1/stock/receipts"] = new(w.Manager, Body: Lines(w.WarehouseId, sku, ("bestBefore", later), ("lotCode", "L-SWEEP"), ("lowStockThreshold", 5m))),
            ["POST /api/v1/stock/adjustments"] = new(w.Manager, Body: Lines(w.WarehouseId, sku, ("reason", "Count"))),
            ["POST /api/v1/stock/write-offs"] = new(w.Manager, Body: Lines(w.WarehouseId, sku, ("reason", "Damaged"))),
            ["GET /api/v1/warehouses"] = new(w.Manager),
            ["GET /api/v1/warehouses/{id}"] = new(w.Manager, Route: Q(("id", w.WarehouseId))),
            ["POST /api/v1/warehouses"] = new(w.Admin, Fresh: () => new JsonObject
            {
                ["code"] = $"SW{Guid.NewGuid():N}"[..12].ToUpperInvariant(), ["name"] = "Sweep warehouse", ["timeZone"] = "Asia/Ho_Chi_Minh", ["lowStockThreshold"] = 2m,
            }),
            ["POST /api/v1/reservations"] = new(w.Shopper, Headers: Q(("Idempotency-Key", w.ReservationOrderId)), Body: new JsonObject
            {
                ["orderId"] = w.ReservationOrderId, ["warehouseId"] = w.WarehouseId, ["userId"] = w.ShopperId,
                ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 1m }),
            }),
            ["GET /api/v1/reservations/{orderId}"] = new(w.Shopper, Route: Q(("orderId", w.ReservationOrderId)), Order: 1),
            ["POST /api/v1/reservations/{orderId}/confirm"] = new(w.Manager, Route: Q(("orderId", w.ReservationOrderId)), Order: 2,
                Body: new JsonObject { ["slotWindowEnd"] = DateTimeOffset.UtcNow.AddDays(2) }),
            ["POST /api/v1/reservations/{orderId}/release"] = new(w.Shopper, Route: Q(("orderId", w.ReservationOrderId)), Order: 3,
                Body: new JsonObject { ["reason"] = "Sweep" }),

            ["POST /api/v1/reservations/{orderId}/substitutions"] = new(w.Manager, Route: Q(("orderId", w.ReservationOrderId)), Order: 1,
                Headers: Q(("Idempotency-Key", $"sweep-substitute-{w.ReservationOrderId:N}")),
                Body: new JsonObject { ["originalSku"] = sku, ["sku"] = f.SubstituteSku, ["quantity"] = 1m }),
            ["GET /api/v1/returns"] = new(w.Manager, Query: Q(("warehouseId", w.WarehouseId))),
            ["POST /api/v1/returns/{id}/inspect"] = new(w.Manager, Route: Q(("id", f.ReturnId)), Order: 1,
                Body: new JsonObject { ["decision"] = "write-off", ["reason"] = "Dented can" }),

            // Delivery
            ["GET /api/v1/zones"] = new(w.Manager),
            ["GET /api/v1/zones/lookup"] = new(w.Anonymous, Query: Q(("postcode", w.Postcode))),
            ["GET /api/v1/zones/{id}"] = new(w.Anonymous, Route: Q(("id", w.ZoneId))),
            ["POST /api/v1/zones"] = new(w.Manager, Fresh: () => new JsonObject
            {
                ["name"] = "Sweep zone 2", ["warehouseId"] = w.WarehouseId, ["timeZone"] = "Asia/Ho_Chi_Minh", ["minimumBasketValue"] = 100000m,
                ["standardFee"] = 15000m, ["peakFee"] = 25000m, ["freeDeliveryThreshold"] = 500000m, ["carrier"] = null,
                ["postcodes"] = new JsonArray($"SX{Random.Shared.Next(100000, 999999)}"), ["districts"] = new JsonArray(),
                ["templates"] = new JsonArray(Template()),
            }),
            ["POST /api/v1/zones/{id}/slot-templates"] = new(w.Manager, Route: Q(("id", w.ZoneId)), Body: Template()),
            ["GET /api/v1/slots"] = new(w.Anonymous, Query: Q(("zoneId", w.ZoneId))),
            ["GET /api/v1/slots/utilisation"] = new(w.Admin, Query: Q(("days", 3))),
            ["PATCH /api/v1/slots/{id}"] = new(w.Manager, Route: Q(("id", w.Slots[^1].Id)), Body: new JsonObject { ["capacity"] = 25 }),
            // A shopper holds one slot at a time: the shopper's hold is extended and checked out, the
            // leaving account's is released and then taken again.
            ["POST /api/v1/slots/holds/{holdId}/extend"] = new(w.Shopper, Route: Q(("holdId", w.HoldToCheckout))),
            ["DELETE /api/v1/slots/holds/{holdId}"] = new(w.Leaving, Route: Q(("holdId", w.HoldToRelease)), Order: 8),
            ["POST /api/v1/slots/{id}/holds"] = new(w.Leaving, Route: Q(("id", w.Slots[3].Id)), Order: 9),
            ["GET /api/v1/shipments/{orderId}"] = new(w.Shopper, Route: Q(("orderId", f.DeliveringOrderId))),
            ["GET /api/v1/shipments"] = new(w.Manager, Query: Q(("warehouseId", w.WarehouseId))),
            ["POST /api/v1/shipments/{orderId}/dispatched"] = new(w.Manager, Route: Q(("orderId", f.DeliveringOrderId)), Order: 1),
            ["POST /api/v1/shipments/{orderId}/delivered"] = new(w.Manager, Route: Q(("orderId", f.DeliveringOrderId)), Order: 2,
                Body: new JsonObject { ["cashCollected"] = f.CashToCollect, ["refusedLines"] = new JsonArray() }),
            ["POST /api/v1/shipments/{orderId}/failed"] = new(w.Manager, Route: Q(("orderId", f.FailingOrderId)), Order: 1,
                Body: new JsonObject { ["reason"] = "Nobody at home" }),
            // Carrier webhooks are signed with the carrier's secret, which a shopper does not have.
            ["POST /api/v1/carriers/{carrier}/webhooks"] = new(w.Anonymous, Route: Q(("carrier", "grab")), Expected: [HttpStatusCode.Unauthorized],
                Body: new JsonObject { ["deliveryID"] = "x", ["status"] = "COMPLETED" }),

            // Identity
            ["GET /.well-known/jwks.json"] = new(w.Anonymous),
            ["GET /.well-known/openid-configuration"] = new(w.Anonymous),
            ["POST /api/v1/auth/register"] = new(w.Anonymous, Fresh: () => new JsonObject
            {
                ["email"] = $"sweep-new-{Guid.NewGuid():N}@example.com", ["password"] = $"Pw-{Guid.NewGuid():N}", ["name"] = "Người mới",
            }),
            ["POST /api/v1/auth/login"] = new(w.Anonymous, Body: new JsonObject { ["email"] = w.ShopperEmail, ["password"] = w.ShopperPassword }),
            ["POST /api/v1/auth/refresh"] = new(w.Anonymous, Body: new JsonObject { ["refreshToken"] = w.RefreshToken }),
            ["POST /api/v1/auth/logout"] = new(w.Shopper, Body: new JsonObject { ["refreshToken"] = w.SpareRefreshToken }),
            ["POST /api/v1/auth/change-password"] = new(w.Shopper, Order: 8, Body: new JsonObject
            {
                ["currentPassword"] = w.ShopperPassword, ["newPassword"] = $"Pw-{Guid.NewGuid():N}",
            }),
            ["GET /api/v1/auth/signing-keys"] = new(w.Admin),
            ["POST /api/v1/auth/signing-keys/rotate"] = new(w.Admin,
                NotSentBecause: "rotating the system's signing key changes the keys every other test of the run sees; it has no body or query to sweep"),
            ["GET /api/v1/me/addresses"] = new(w.Shopper),
            ["GET /api/v1/me/addresses/{id}"] = new(w.Shopper, Route: Q(("id", w.AddressId))),
            ["POST /api/v1/me/addresses"] = new(w.Shopper, Body: Address(w.Postcode)),
            ["PUT /api/v1/me/addresses/{id}"] = new(w.Shopper, Route: Q(("id", w.AddressId)), Body: Address(w.Postcode), Order: 1),
            ["DELETE /api/v1/me/addresses/{id}"] = new(w.Shopper, Route: Q(("id", w.AddressId)), Order: 9),
            ["GET /api/v1/me"] = new(w.Shopper),
            ["PUT /api/v1/me"] = new(w.Shopper, Body: new JsonObject
            {
                ["name"] = "Nguyễn Văn A", ["phone"] = "+84901234567", ["defaultSubstitution"] = "anySimilar", ["marketingConsent"] = false,
            }),
            ["DELETE /api/v1/me"] = new(w.Leaving, Order: 10),
            ["GET /api/v1/users"] = new(w.Admin, Query: Q(("email", w.ShopperEmail))),
            ["GET /api/v1/users/{id}"] = new(w.Admin, Route: Q(("id", w.ShopperId))),
            ["GET /api/v1/users/{id}/roles"] = new(w.Admin, Route: Q(("id", w.ShopperId))),
            ["PUT /api/v1/users/{id}/roles/{role}"] = new(w.Admin, Route: Q(("id", w.ShopperId), ("role", GroceryRoles.Picker))),
            ["PUT /api/v1/users/{id}/warehouse"] = new(w.Admin, Route: Q(("id", w.LeavingId)), Body: new JsonObject { ["warehouseId"] = w.WarehouseId.ToString() }),
            ["DELETE /api/v1/users/{id}/warehouse"] = new(w.Admin, Route: Q(("id", w.LeavingId)), Order: 1),
            // A service's call, which an admin may also make.
            ["GET /api/v1/users/{id}/contact"] = new(w.Admin, Route: Q(("id", w.ShopperId))),
            ["POST /api/v1/auth/token"] = new(w.Anonymous, ContentType: "application/x-www-form-urlencoded",
                RawBody: $"grant_type=client_credentials&client_id={w.ServiceClientId}&client_secret={Uri.EscapeDataString(w.ServiceClientSecret)}"),
            ["DELETE /api/v1/users/{id}/roles/{role}"] = new(w.Admin, Route: Q(("id", w.ShopperId), ("role", GroceryRoles.Picker)), Order: 1),

            // Ordering
            ["GET /api/v1/basket"] = new(w.Shopper, Query: Q(("postcode", w.Postcode))),
            ["PUT /api/v1/basket/lines/{productId}"] = new(w.Shopper, Route: Q(("productId", w.Product.Id)), Body: new JsonObject
            {
                ["quantity"] = 2m, ["substitution"] = "AnySimilar", ["substituteSku"] = null, ["note"] = "Chín vừa",
            }),
            ["POST /api/v1/basket/merge"] = new(w.Shopper, Headers: Q(("X-Basket-Id", w.GuestBasketId))),
            ["POST /api/v1/orders"] = new(w.Shopper, Order: 1, Body: new JsonObject
            {
                ["slotHoldId"] = w.HoldToCheckout, ["postcode"] = w.Postcode, ["paymentMethod"] = "CashOnDelivery",
                ["address"] = new JsonObject
                {
                    ["recipientName"] = "Nguyễn Văn An", ["phone"] = "+84901234567", ["street"] = "12 Lê Lợi", ["district"] = "Quận 1", ["postcode"] = w.Postcode,
                },
            }),
            ["DELETE /api/v1/basket/lines/{productId}"] = new(w.Shopper, Route: Q(("productId", w.Product.Id)), Order: 2),
            ["DELETE /api/v1/basket"] = new(w.Shopper, Order: 3),
            ["GET /api/v1/orders"] = new(w.Shopper, Query: Q(("limit", 5))),
            ["GET /api/v1/orders/{id}"] = new(w.Shopper, Route: Q(("id", w.ConfirmedOrderId))),
            ["POST /api/v1/orders/{id}/cancel"] = new(w.Shopper, Route: Q(("id", w.CancellableOrderId))),
            ["POST /api/v1/orders/{id}/reorder"] = new(w.Shopper, Route: Q(("id", w.ConfirmedOrderId)), Order: 2),
            ["GET /api/v1/dispatch/{orderId}/drop-off"] = new(w.Admin, Route: Q(("orderId", w.ConfirmedOrderId)),
                NotSentBecause: "the gateway routes no /api/v1/dispatch path (Delivery calls Ordering directly with a service token); Ordering's tests cover it"),
            ["GET /api/v1/orders/stuck"] = new(w.Admin),
            ["GET /api/v1/orders/metrics"] = new(w.Admin, Query: Q(("hours", 24))),
            // The store manager works in the sweep's warehouse and may pick; the pick order has a line to pick, a
            // short one whose shopper named its substitute, and one to remove.
            ["GET /api/v1/picking"] = new(w.Manager, Query: Q(("warehouseId", w.WarehouseId), ("limit", 10))),
            ["POST /api/v1/picking/{orderId}/claim"] = new(w.Manager, Route: Q(("orderId", pickOrder)), Order: 1),
            ["GET /api/v1/picking/{orderId}"] = new(w.Manager, Route: Q(("orderId", pickOrder)), Order: 2),
            ["POST /api/v1/picking/{orderId}/lines/{lineNo}/pick"] = new(w.Manager, Route: Q(("orderId", pickOrder), ("lineNo", f.PickLine)), Order: 2,
                Body: new JsonObject { ["gtin"] = f.PickGtin, ["quantity"] = 1m }),
            ["POST /api/v1/picking/{orderId}/lines/{lineNo}/short"] = new(w.Manager, Route: Q(("orderId", pickOrder), ("lineNo", f.ShortLine)), Order: 2,
                Body: new JsonObject { ["available"] = 0m }),
            ["POST /api/v1/picking/{orderId}/lines/{lineNo}/remove"] = new(w.Manager, Route: Q(("orderId", pickOrder), ("lineNo", f.RemoveLine)), Order: 2,
                Body: new JsonObject { ["reason"] = "Sold out on the shelf" }),
            ["GET /api/v1/picking/{orderId}/lines/{lineNo}/substitutes"] = new(w.Manager, Route: Q(("orderId", pickOrder), ("lineNo", f.ShortLine)), Order: 3),
            ["POST /api/v1/picking/{orderId}/lines/{lineNo}/substitute"] = new(w.Manager, Route: Q(("orderId", pickOrder), ("lineNo", f.ShortLine)), Order: 4,
                Body: new JsonObject { ["sku"] = f.SubstituteSku, ["quantity"] = 1m }),
            ["POST /api/v1/picking/{orderId}/pack"] = new(w.Manager, Route: Q(("orderId", pickOrder)), Order: 5, Body: new JsonObject { ["packageCount"] = 2 }),
            // An unsigned event is refused with a 400 naming the signature.
            ["POST /api/v1/payments/webhooks/stripe"] = new(w.Anonymous, Expected: [HttpStatusCode.BadRequest],
                Body: new JsonObject { ["id"] = "evt_sweep", ["type"] = "payment_intent.succeeded" }),

            // Notifications: the shopper's order confirmations reached their list.
            ["GET /api/v1/me/notifications"] = new(w.Shopper, Query: Q(("page", 1), ("pageSize", 10))),
            ["GET /api/v1/me/notifications/{id}"] = new(w.Shopper, Route: Q(("id", f.NotificationId))),
            ["POST /api/v1/me/notifications/{id}/read"] = new(w.Shopper, Route: Q(("id", f.NotificationId)), Order: 1),
            ["GET /api/v1/me/notifications/preferences"] = new(w.Shopper),
            ["PUT /api/v1/me/notifications/preferences"] = new(w.Shopper,
                Body: new JsonObject { ["email"] = new JsonObject { ["itemsChanged"] = false, ["outForDelivery"] = true } }),

            // Each consuming service's dead letters, through the gateway's ops route; the sweep's world has none.
            ["GET /api/v1/ops/messaging/dead-letters"] = new(w.Admin, Query: Q(("limit", 10))),
            ["GET /api/v1/ops/messaging/dead-letters/{id}"] = new(w.Admin, Route: Q(("id", 1)), Expected: notFound),
            ["GET /api/v1/ops/messaging/parked-keys"] = new(w.Admin),
            ["POST /api/v1/ops/messaging/dead-letters/{id}/replay"] = new(w.Admin, Route: Q(("id", 1)), Expected: notFound),
            ["POST /api/v1/ops/messaging/dead-letters/{id}/discard"] = new(w.Admin, Route: Q(("id", 1)), Expected: notFound),
            // The notifier's mail queue, beside its dead letters; no mail has this id.
            ["GET /api/v1/ops/messaging/mails"] = new(w.Admin, Query: Q(("status", "Parked"), ("limit", 10))),
            ["GET /api/v1/ops/messaging/mails/{id}"] = new(w.Admin, Route: Q(("id", Guid.Empty)), Expected: notFound),
            ["POST /api/v1/ops/messaging/mails/{id}/replay"] = new(w.Admin, Route: Q(("id", Guid.Empty)), Expected: notFound),
            ["POST /api/v1/ops/messaging/mails/{id}/discard"] = new(w.Admin, Route: Q(("id", Guid.Empty)), Expected: notFound),
        };
    }

    /// <summary>The product as created (its SKU and GTIN cannot change), under another name.</summary>
    private static JsonObject Renamed(JsonObject product)
    {
        var copy = (JsonObject)product.DeepClone();
        copy["name"] = $"Sữa tươi thử nghiệm {Random.Shared.Next(1000)}";
        return copy;
    }

    private static JsonObject Template() => new()
    {
        ["dayOfWeek"] = 2, ["startTime"] = "06:00:00", ["endTime"] = "08:00:00", ["capacity"] = 10, ["isPeak"] = true, ["fee"] = 30000m, ["cutoffMinutes"] = 120,
    };
}
