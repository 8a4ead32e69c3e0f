using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grocery.Inventory.Domain;

namespace Grocery.Inventory.Tests;

/// <summary>
/// Every Inventory endpoint refuses what its columns cannot hold with a 400 (or a 409 for a total
/// that cannot grow) naming the JSON field, and writes nothing; a request at the limits succeeds.
/// </summary>
public sealed class RequestLimitTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    private static readonly string TooLongSku = new('S', InventoryLimits.SkuLength + 1);
    private static readonly string TooLongReason = new('r', InventoryLimits.ReasonLength + 1);
    private const string Nul = "A\u0000B";

    private static readonly Dictionary<string, (Action<JsonObject> Spoil, string Field)> BadReceipts = new()
    {
        ["sku too long"] = (b => Line(b)["sku"] = TooLongSku, "lines[0].sku"),
        ["sku with NUL"] = (b => Line(b)["sku"] = Nul, "lines[0].sku"),
        ["quantity too large"] = (b => Line(b)["quantity"] = 1_000_001, "lines[0].quantity"),
        ["quantity negative"] = (b => Line(b)["quantity"] = -1, "lines[0].quantity"),
        ["quantity finer than grams"] = (b => Line(b)["quantity"] = 1.0001m, "lines[0].quantity"),
        ["lot code too long"] = (b => Line(b)["lotCode"] = new string('L', InventoryLimits.LotCodeLength + 1), "lines[0].lotCode"),
        ["lot code with NUL"] = (b => Line(b)["lotCode"] = Nul, "lines[0].lotCode"),
        ["reference too long"] = (b => b["reference"] = new string('P', InventoryLimits.ReceiptReferenceLength + 1), "reference"),
        ["reference with a control character"] = (b => b["reference"] = "PO\u0007", "reference"),
        ["threshold beyond numeric(12,3)"] = (b => Line(b)["lowStockThreshold"] = 10_000_000_000m, "lines[0].lowStockThreshold"),
        ["threshold negative"] = (b => Line(b)["lowStockThreshold"] = -1, "lines[0].lowStockThreshold"),
        ["threshold finer than grams"] = (b => Line(b)["lowStockThreshold"] = 0.0001m, "lines[0].lowStockThreshold"),
        ["null line"] = (b => b["lines"] = new JsonArray(null, Line(b).DeepClone()), "lines[0]"),
        ["too many lines"] = (b => b["lines"] = new JsonArray([.. Enumerable.Repeat(0, InventoryLimits.MaxLines + 1).Select(_ => Line(b).DeepClone())]), "lines"),
    };

    private static readonly Dictionary<string, (Action<JsonObject> Spoil, string Field)> BadAdjustments = new()
    {
        ["sku with NUL"] = (b => Line(b)["sku"] = Nul, "lines[0].sku"),
        ["quantity zero"] = (b => Line(b)["quantity"] = 0, "lines[0].quantity"),
        ["quantity too large"] = (b => Line(b)["quantity"] = 1_000_001, "lines[0].quantity"),
        ["quantity too negative"] = (b => Line(b)["quantity"] = -1_000_001, "lines[0].quantity"),
        ["quantity finer than grams"] = (b => Line(b)["quantity"] = -0.0001m, "lines[0].quantity"),
        ["reason missing"] = (b => b["reason"] = null, "reason"),
        ["reason too long"] = (b => b["reason"] = TooLongReason, "reason"),
        ["reason with NUL"] = (b => b["reason"] = Nul, "reason"),
        ["line reason too long"] = (b => Line(b)["reason"] = TooLongReason, "lines[0].reason"),
        ["null line"] = (b => b["lines"] = new JsonArray(Line(b).DeepClone(), null), "lines[1]"),
    };

    private static readonly Dictionary<string, (Action<JsonObject> Spoil, string Field)> BadWriteOffs = new()
    {
        ["sku too long"] = (b => Line(b)["sku"] = TooLongSku, "lines[0].sku"),
        ["quantity negative"] = (b => Line(b)["quantity"] = -1, "lines[0].quantity"),
        ["quantity too large"] = (b => Line(b)["quantity"] = 1_000_001, "lines[0].quantity"),
        ["quantity finer than grams"] = (b => Line(b)["quantity"] = 0.0005m, "lines[0].quantity"),
        ["empty lot id"] = (b => Line(b)["lotId"] = Guid.Empty.ToString(), "lines[0].lotId"),
        ["reason with NUL"] = (b => b["reason"] = Nul, "reason"),
        ["line reason with NUL"] = (b => Line(b)["reason"] = Nul, "lines[0].reason"),
        ["null line"] = (b => b["lines"] = new JsonArray((JsonNode?)null), "lines[0]"),
    };

    private static readonly Dictionary<string, (Action<JsonObject> Spoil, string Field)> BadReservations = new()
    {
        ["sku too long"] = (b => Line(b)["sku"] = TooLongSku, "lines[0].sku"),
        ["sku with NUL"] = (b => Line(b)["sku"] = Nul, "lines[0].sku"),
        ["quantity too large"] = (b => Line(b)["quantity"] = 1_000_001, "lines[0].quantity"),
        ["quantity negative"] = (b => Line(b)["quantity"] = -1, "lines[0].quantity"),
        ["quantity finer than grams"] = (b => Line(b)["quantity"] = 0.0001m, "lines[0].quantity"),
        ["null line"] = (b => b["lines"] = new JsonArray(Line(b).DeepClone(), null), "lines[1]"),
        ["no lines"] = (b => b["lines"] = new JsonArray(), "lines"),
    };

    private static readonly Dictionary<string, (Action<JsonObject> Spoil, string Field)> BadAvailabilityQueries = new()
    {
        ["sku with NUL"] = (b => Line(b)["sku"] = Nul, "lines[0].sku"),
        ["quantity too large"] = (b => Line(b)["quantity"] = 1_000_001, "lines[0].quantity"),
        ["null line"] = (b => b["lines"] = new JsonArray((JsonNode?)null), "lines[0]"),
    };

    private static readonly Dictionary<string, (Action<JsonObject> Spoil, string Field)> BadWarehouses = new()
    {
        ["code too long"] = (b => b["code"] = new string('C', InventoryLimits.WarehouseCodeLength + 1), "code"),
        ["code with NUL"] = (b => b["code"] = Nul, "code"),
        ["name too long"] = (b => b["name"] = new string('N', InventoryLimits.WarehouseNameLength + 1), "name"),
        ["name with a control character"] = (b => b["name"] = "Dark\u001bstore", "name"),
        ["time zone unknown"] = (b => b["timeZone"] = "Mars/Olympus_Mons", "timeZone"),
        ["time zone as a Windows name"] = (b => b["timeZone"] = "SE Asia Standard Time", "timeZone"),
        ["time zone too long"] = (b => b["timeZone"] = new string('Z', InventoryLimits.TimeZoneLength + 1), "timeZone"),
        ["threshold beyond numeric(12,3)"] = (b => b["lowStockThreshold"] = 1_000_000_000m, "lowStockThreshold"),
        ["threshold negative"] = (b => b["lowStockThreshold"] = -0.001m, "lowStockThreshold"),
        ["threshold finer than grams"] = (b => b["lowStockThreshold"] = 1.0001m, "lowStockThreshold"),
    };

    [Theory]
    [MemberData(nameof(CasesOf), nameof(BadReceipts))]
    public async Task A_receipt_beyond_the_limits_is_refused_naming_the_field_and_writes_nothing(string set, string @case)
    {
        var (spoil, field) = Cases(set)[@case];
        var (warehouse, sku) = await StockedAsync();
        var body = new JsonObject
        {
            ["warehouseId"] = warehouse, ["reference"] = "PO-1",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 5, ["lotCode"] = "L1", ["lowStockThreshold"] = 2 }),
        };
        spoil(body);

        await AssertRefusedAsync(await PostAsync(Manager(warehouse), "/api/v1/stock/receipts", body), HttpStatusCode.BadRequest, field);
        await AssertUnchangedAsync(warehouse, sku);
    }

    [Theory]
    [MemberData(nameof(CasesOf), nameof(BadAdjustments))]
    public async Task An_adjustment_beyond_the_limits_is_refused_naming_the_field_and_writes_nothing(string set, string @case)
    {
        var (spoil, field) = Cases(set)[@case];
        var (warehouse, sku) = await StockedAsync();
        var body = new JsonObject
        {
            ["warehouseId"] = warehouse, ["reason"] = "count",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = -1, ["reason"] = "missing" }),
        };
        spoil(body);

        await AssertRefusedAsync(await PostAsync(Manager(warehouse), "/api/v1/stock/adjustments", body), HttpStatusCode.BadRequest, field);
        await AssertUnchangedAsync(warehouse, sku);
    }

    [Theory]
    [MemberData(nameof(CasesOf), nameof(BadWriteOffs))]
    public async Task A_write_off_beyond_the_limits_is_refused_naming_the_field_and_writes_nothing(string set, string @case)
    {
        var (spoil, field) = Cases(set)[@case];
        var (warehouse, sku) = await StockedAsync();
        var body = new JsonObject
        {
            ["warehouseId"] = warehouse, ["reason"] = "damaged",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 1, ["reason"] = "dropped" }),
        };
        spoil(body);

        await AssertRefusedAsync(await PostAsync(Manager(warehouse), "/api/v1/stock/write-offs", body), HttpStatusCode.BadRequest, field);
        await AssertUnchangedAsync(warehouse, sku);
    }

    [Theory]
    [MemberData(nameof(CasesOf), nameof(BadReservations))]
    public async Task A_reservation_beyond_the_limits_is_refused_naming_the_field_and_reserves_nothing(string set, string @case)
    {
        var (spoil, field) = Cases(set)[@case];
        var (warehouse, sku) = await StockedAsync();
        var orderId = Guid.NewGuid();
        var body = new JsonObject
        {
            ["orderId"] = orderId, ["warehouseId"] = warehouse,
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 1 }),
        };
        spoil(body);

        await AssertRefusedAsync(await PostAsync(Service(), "/api/v1/reservations", body), HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM reservations WHERE order_id = @o", ("o", orderId)));
        await AssertUnchangedAsync(warehouse, sku);
    }

    [Theory]
    [MemberData(nameof(CasesOf), nameof(BadAvailabilityQueries))]
    public async Task An_availability_query_beyond_the_limits_is_refused_naming_the_field(string set, string @case)
    {
        var (spoil, field) = Cases(set)[@case];
        var (warehouse, sku) = await StockedAsync();
        var body = new JsonObject { ["warehouseId"] = warehouse, ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 1 }) };
        spoil(body);

        await AssertRefusedAsync(await PostAsync(Service(), "/api/v1/stock/availability", body), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [MemberData(nameof(CasesOf), nameof(BadWarehouses))]
    public async Task A_warehouse_beyond_the_limits_is_refused_naming_the_field_and_is_not_created(string set, string @case)
    {
        var (spoil, field) = Cases(set)[@case];
        var code = "W" + Guid.NewGuid().ToString("N")[..8];
        var body = new JsonObject { ["code"] = code, ["name"] = "Dark store", ["timeZone"] = "Asia/Ho_Chi_Minh", ["lowStockThreshold"] = 5 };
        spoil(body);

        await AssertRefusedAsync(await PostAsync(Admin(), "/api/v1/warehouses", body), HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM warehouses WHERE upper(code) = upper(@c)", ("c", code)));
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59+00:00")]
    [InlineData("0001-01-01T00:00:00+00:00")]
    [InlineData("2200-01-01T00:00:00+00:00")]
    public async Task Confirming_with_a_slot_end_beyond_the_limits_is_refused_and_keeps_the_reservation_pending(string slotWindowEnd)
    {
        var (warehouse, sku) = await StockedAsync();
        var orderId = Guid.NewGuid();
        await ReserveAsync(warehouse, orderId, new StockLine(sku, 1));

        var response = await PostAsync(Service(), $"/api/v1/reservations/{orderId}/confirm", new JsonObject { ["slotWindowEnd"] = slotWindowEnd });

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "slotWindowEnd");
        Assert.Equal("pending", (await WithScopeAsync(sp => sp.GetRequiredService<InventoryDbContext>().Reservations.AsNoTracking()
            .SingleAsync(r => r.OrderId == orderId, Ct))).Status);
    }

    [Theory]
    [InlineData("too long")]
    [InlineData("NUL")]
    public async Task Releasing_with_a_reason_beyond_the_limits_is_refused_and_keeps_the_reservation(string kind)
    {
        var (warehouse, sku) = await StockedAsync();
        var orderId = Guid.NewGuid();
        await ReserveAsync(warehouse, orderId, new StockLine(sku, 1));

        var response = await PostAsync(Service(), $"/api/v1/reservations/{orderId}/release",
            new JsonObject { ["reason"] = kind == "NUL" ? Nul : TooLongReason });

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "reason");
        Assert.Equal(1, (await StockAsync(warehouse, sku)).Reserved);
    }

    [Theory]
    [InlineData("/api/v1/stock/{0}")]
    [InlineData("/api/v1/stock/{0}/movements")]
    public async Task Reading_stock_of_a_sku_beyond_the_limits_is_refused_naming_the_sku(string route)
    {
        // ASP.NET Core refuses a NUL in a path before routing; other control characters reach the endpoint.
        foreach (var sku in new[] { TooLongSku, "A\u0001B" })
        {
            var response = await Manager().GetAsync(string.Format(route, Uri.EscapeDataString(sku)), Ct);
            await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "sku");
        }
    }

    [Fact]
    public async Task Repeated_receipts_are_refused_once_on_hand_would_overflow_its_column_naming_the_line_and_keep_what_was_received()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("BULK");
        var manager = Manager(warehouse);
        object FullReceipt() => new
        {
            warehouseId = warehouse,
            lines = Enumerable.Range(0, InventoryLimits.MaxLines).Select(_ => new { sku, quantity = InventoryLimits.MaxLineQuantity }),
        };
        var perReceipt = InventoryLimits.MaxLines * InventoryLimits.MaxLineQuantity;
        var accepted = (int)Math.Floor(InventoryLimits.MaxStoredQuantity / perReceipt);
        for (var i = 0; i < accepted; i++)
            Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync("/api/v1/stock/receipts", FullReceipt(), Ct)).StatusCode);
        var onHand = accepted * perReceipt;
        // The first line whose running total passes the limit is the one named.
        var firstOver = (int)Math.Floor((InventoryLimits.MaxStoredQuantity - onHand) / InventoryLimits.MaxLineQuantity);

        var receipt = await manager.PostAsJsonAsync("/api/v1/stock/receipts", FullReceipt(), Ct);
        var adjustment = await manager.PostAsJsonAsync("/api/v1/stock/adjustments", new
        {
            warehouseId = warehouse, reason = "count",
            lines = Enumerable.Range(0, InventoryLimits.MaxLines).Select(_ => new { sku, quantity = InventoryLimits.MaxLineQuantity }),
        }, Ct);

        await AssertRefusedAsync(receipt, HttpStatusCode.Conflict, $"lines[{firstOver}].quantity");
        await AssertRefusedAsync(adjustment, HttpStatusCode.Conflict, $"lines[{firstOver}].quantity");
        Assert.Equal(onHand, (await StockAsync(warehouse, sku)).OnHand);
        var writeOff = await manager.PostAsJsonAsync("/api/v1/stock/write-offs", new
        {
            warehouseId = warehouse, reason = "damaged", lines = new[] { new { sku, quantity = 1m } },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, writeOff.StatusCode);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task Requests_at_every_limit_succeed_and_store_what_was_sent()
    {
        var warehouseCode = ("L" + Guid.NewGuid().ToString("N")).PadRight(InventoryLimits.WarehouseCodeLength, 'X')[..InventoryLimits.WarehouseCodeLength];
        var created = await PostAsync(Admin(), "/api/v1/warehouses", new JsonObject
        {
            ["code"] = warehouseCode, ["name"] = new string('N', InventoryLimits.WarehouseNameLength),
            ["timeZone"] = "Asia/Ho_Chi_Minh", ["lowStockThreshold"] = InventoryLimits.MaxStoredQuantity,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var warehouse = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var sku = NewSku("MAX").PadRight(InventoryLimits.SkuLength, '9');
        var reason = "line one\nline two\t" + new string('r', InventoryLimits.ReasonLength - 18);
        var manager = Manager(warehouse);

        var receipt = await PostAsync(manager, "/api/v1/stock/receipts", new JsonObject
        {
            ["warehouseId"] = warehouse, ["reference"] = new string('P', InventoryLimits.ReceiptReferenceLength),
            ["lines"] = new JsonArray(new JsonObject
            {
                ["sku"] = sku, ["quantity"] = InventoryLimits.MaxLineQuantity, ["lotCode"] = new string('L', InventoryLimits.LotCodeLength),
                ["lowStockThreshold"] = InventoryLimits.MaxStoredQuantity,
            }),
        });
        var adjustment = await PostAsync(manager, "/api/v1/stock/adjustments", new JsonObject
        {
            ["warehouseId"] = warehouse, ["reason"] = reason,
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = -0.001m, ["reason"] = reason }),
        });
        var reservation = await PostAsync(Service(), "/api/v1/reservations", new JsonObject
        {
            ["orderId"] = Guid.NewGuid(), ["warehouseId"] = warehouse,
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 0.001m }),
        });

        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adjustment.StatusCode);
        Assert.Equal(HttpStatusCode.Created, reservation.StatusCode);
        var stock = await StockAsync(warehouse, sku);
        Assert.Equal(InventoryLimits.MaxLineQuantity - 0.001m, stock.OnHand);
        Assert.Equal(InventoryLimits.MaxStoredQuantity, stock.LowStockThreshold);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM stock_movements WHERE sku = @s AND reason = @r", ("s", sku), ("r", reason)));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/stock/{sku}", Ct)).StatusCode);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task A_write_the_database_still_refuses_is_a_problem_response_not_a_500_and_writes_nothing()
    {
        var (warehouse, sku) = await StockedAsync();
        // The actor column holds the caller's id; no request field bounds it, so only the database refuses it.
        var caller = Staff(warehouse, new string('u', InventoryLimits.ActorLength), GroceryRoles.StoreManager);

        var response = await PostAsync(caller, "/api/v1/stock/receipts", new JsonObject
        {
            ["warehouseId"] = warehouse, ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 1 }),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertUnchangedAsync(warehouse, sku);
    }

    [Fact]
    public async Task The_limits_agree_with_each_other_and_with_the_columns()
    {
        // Lines of one SKU are merged into one stored quantity, and a receipt's reference is stored in the reason.
        Assert.True(InventoryLimits.MaxLines * InventoryLimits.MaxLineQuantity <= InventoryLimits.MaxStoredQuantity);
        Assert.True(InventoryLimits.ReceiptReasonPrefix.Length + InventoryLimits.ReceiptReferenceLength <= InventoryLimits.ReasonLength);
        Assert.Equal(999_999_999.999m, InventoryLimits.MaxStoredQuantity);

        var columns = await WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<InventoryDbContext>().Model.GetEntityTypes()
            .SelectMany(t => t.GetProperties()).ToList()));
        Assert.All(columns.Where(p => p.ClrType == typeof(decimal) || p.ClrType == typeof(decimal?)),
            p => Assert.Equal(InventoryLimits.QuantityColumnType, p.GetColumnType()));
        Assert.Equal("numeric(12,3)", InventoryLimits.QuantityColumnType);
        Assert.Equal(1, await ScalarAsync("""
            SELECT count(*) FROM information_schema.columns
            WHERE table_name = 'stock_items' AND column_name = 'on_hand' AND numeric_precision = @p AND numeric_scale = @s
            """, ("p", InventoryLimits.QuantityPrecision), ("s", InventoryLimits.QuantityScale)));
    }

    public static TheoryData<string, string> CasesOf(string set) => [.. Cases(set).Keys.Select(c => (set, c))];

    private static Dictionary<string, (Action<JsonObject> Spoil, string Field)> Cases(string set) => set switch
    {
        nameof(BadReceipts) => BadReceipts,
        nameof(BadAdjustments) => BadAdjustments,
        nameof(BadWriteOffs) => BadWriteOffs,
        nameof(BadReservations) => BadReservations,
        nameof(BadAvailabilityQueries) => BadAvailabilityQueries,
        nameof(BadWarehouses) => BadWarehouses,
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    private HttpClient Admin() => App.ClientFor(Infrastructure.Identity, "admin-1", "admin");

    private static JsonObject Line(JsonObject body) => body["lines"]![0]!.AsObject();

    private async Task<(Guid Warehouse, string Sku)> StockedAsync()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("LIM");
        await ReceiveAsync(warehouse, sku, 10);
        return (warehouse, sku);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, JsonNode body) =>
        client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
    }

    /// <summary>The warehouse still holds only the arranged receipt: one stock row, one movement, its 10 units.</summary>
    private async Task AssertUnchangedAsync(Guid warehouse, string sku)
    {
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM stock_items WHERE warehouse_id = @w", ("w", warehouse)));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM stock_movements WHERE warehouse_id = @w", ("w", warehouse)));
        var stock = await StockAsync(warehouse, sku);
        Assert.Equal(10, stock.OnHand);
        Assert.Equal(0, stock.Reserved);
    }
}
