using System.Net;
using System.Security.Claims;
using System.Text;
using Grocery.Web.Components.Pages.Staff;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Grocery.Web.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grocery.Web.Tests.Components;

public sealed class StoreManagerPagesTests : StorefrontTestContext
{
    private static readonly Guid Warehouse = new("0193a5c0-0000-7000-8000-00000000f00d");
    private static readonly Guid Zone = new("0193a5c0-0000-7000-8000-0000000020ae");
    private static readonly ManagedProduct Milk = new(new("0193a5c0-0000-7000-8000-00000000a11c"), "DAIRY-0001", "8934567000017", "sua-tuoi", "Sữa tươi",
        "Fresh milk", 32_000m, "each", "l", 1m, Perishable: true, IsActive: true, Version: "17");
    private readonly FakeStore _store = new();

    public StoreManagerPagesTests()
    {
        Services.AddSingleton<IStoreManagement>(_store);
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        auth.SetAuthorized("manager@example.com");
        auth.SetRoles(GroceryRoles.StoreManager);
        auth.SetClaims(new Claim(ShopperTokens.AccessToken, "manager-token"), new Claim(WarehouseAssignment.ClaimType, Warehouse.ToString()));
    }

    [Fact]
    public void A_scanned_barcode_shows_the_product_and_receiving_it_sends_the_lot_to_the_managers_warehouse_and_gives_the_scan_back_the_focus()
    {
        UseLanguage("en");
        var page = Render<ReceivingPage>();

        page.Find("[data-testid=scan]").Change("8934567000017");
        page.Find("[data-testid=scan-form]").Submit();
        page.WaitForElement("[data-testid=receive-product]");
        Assert.Contains("Sữa tươi", page.Find("[data-testid=receive-product]").TextContent);
        page.Find("[data-testid=receive-quantity]").Change("24");
        page.Find("[data-testid=receive-best-before]").Change("2026-12-20");
        page.Find("[data-testid=receive-lot]").Change(" L-77 ");
        page.Find("[data-testid=receive-form]").Submit();

        var receipt = Assert.Single(_store.Receipts);
        Assert.Equal(("manager-token", Warehouse, "DAIRY-0001", 24m, new DateOnly(2026, 12, 20), "L-77"),
            (receipt.Token, receipt.WarehouseId, receipt.Sku, receipt.Quantity, receipt.BestBefore, receipt.LotCode));
        Assert.Empty(page.FindAll("[data-testid=receive-product]"));
        Assert.Contains("best before 20 Dec 2026", page.Find("[data-testid=received-line]").TextContent);
        Assert.True(JSInterop.VerifyFocusAsyncInvoke(calledTimes: 3).Count >= 3);
    }

    [Fact]
    public void A_perishable_is_not_received_without_its_best_before_and_an_unknown_barcode_says_so()
    {
        UseLanguage("vi");
        var page = Render<ReceivingPage>();

        page.Find("[data-testid=scan]").Change("8934567000017");
        page.Find("[data-testid=scan-form]").Submit();
        page.WaitForElement("[data-testid=receive-product]");
        page.Find("[data-testid=receive-quantity]").Change("3");
        page.Find("[data-testid=receive-form]").Submit();
        Assert.Contains("hạn sử dụng", page.Find("[data-testid=receive-error]").TextContent);

        page.Find("[data-testid=scan]").Change("0000000000000");
        page.Find("[data-testid=scan-form]").Submit();

        Assert.Empty(_store.Receipts);
        Assert.Contains("0000000000000", page.Find("[data-testid=receive-error]").TextContent);
    }

    [Fact]
    public void A_vietnamese_managers_1_000_is_refused_rather_than_received_as_one_and_a_fraction_of_a_piece_is_refused_too()
    {
        UseLanguage("vi");
        var page = Render<ReceivingPage>();

        page.Find("[data-testid=scan]").Change(Milk.Gtin);
        page.Find("[data-testid=scan-form]").Submit();
        page.WaitForElement("[data-testid=receive-product]");
        Assert.Equal("numeric", page.Find("[data-testid=receive-quantity]").GetAttribute("inputmode"));
        page.Find("[data-testid=receive-best-before]").Change("2026-12-20");
        page.Find("[data-testid=receive-quantity]").Change("1.000");
        page.Find("[data-testid=receive-form]").Submit();
        Assert.Contains("dấu chấm", page.Find("[data-testid=receive-error]").TextContent);
        page.Find("[data-testid=receive-quantity]").Change("2,5");
        page.Find("[data-testid=receive-form]").Submit();
        Assert.Contains("Sữa tươi được đếm theo cái", page.Find("[data-testid=receive-error]").TextContent);
        Assert.Empty(_store.Receipts);

        page.Find("[data-testid=receive-quantity]").Change("1000");
        page.Find("[data-testid=receive-form]").Submit();

        Assert.Equal(1000m, Assert.Single(_store.Receipts).Quantity);
        Assert.StartsWith("1000", page.Find("[data-testid=received-line] .qty").TextContent);
    }

    [Fact]
    public void A_repeated_submit_of_one_receipt_carries_the_same_idempotency_key_and_a_new_scan_a_new_one()
    {
        UseLanguage("en");
        _store.RefuseReceipts = true;
        var page = Render<ReceivingPage>();
        page.Find("[data-testid=scan]").Change("8934567000017");
        page.Find("[data-testid=scan-form]").Submit();
        page.WaitForElement("[data-testid=receive-product]");
        page.Find("[data-testid=receive-quantity]").Change("2");
        page.Find("[data-testid=receive-best-before]").Change("2026-12-20");

        page.Find("[data-testid=receive-form]").Submit();
        page.Find("[data-testid=receive-form]").Submit();
        page.Find("[data-testid=scan]").Change("8934567000017");
        page.Find("[data-testid=scan-form]").Submit();
        page.Find("[data-testid=receive-quantity]").Change("2");
        page.Find("[data-testid=receive-best-before]").Change("2026-12-20");
        page.Find("[data-testid=receive-form]").Submit();

        Assert.Equal(3, _store.Receipts.Count);
        Assert.Equal(_store.Receipts[0].Key, _store.Receipts[1].Key);
        Assert.NotEqual(_store.Receipts[1].Key, _store.Receipts[2].Key);
        Assert.Contains("Inventory says no", page.Find("[data-testid=receive-error]").TextContent);
    }

    [Fact]
    public void The_stock_page_lists_low_stock_emptiest_first_and_expiring_lots_with_a_write_off_that_fills_in_the_form()
    {
        UseLanguage("en");

        var page = Render<StockPage>(p => p.AddCascadingValue(Manager()));

        Assert.Equal(["DAIRY-0002", "DAIRY-0001"], page.FindAll("[data-testid=low-stock-item]").Select(r => r.GetAttribute("data-sku")));
        Assert.Contains("Out", page.FindAll("[data-testid=low-stock-item]")[0].TextContent);
        Assert.Contains("Sữa tươi", page.FindAll("[data-testid=low-stock-item]")[1].TextContent);
        var lot = page.Find("[data-testid=expiring-lot]");
        Assert.Contains("6 Dec 2026", lot.TextContent);
        Assert.Contains("Past", lot.TextContent);
        Assert.Contains("Sữa tươi", lot.TextContent);
        var writeOff = lot.QuerySelector("[data-testid=write-off-lot]")!.GetAttribute("href")!;
        Assert.Contains("sku=DAIRY-0001", writeOff);
        Assert.Contains("kind=write-off", writeOff);
        Assert.Contains($"lotId={_store.ExpiringLot}", writeOff);
        Assert.Equal("/staff/stock/change", page.Find("[data-testid=stock-change]").GetAttribute("action"));
        Assert.True(Guid.TryParse(page.Find("[data-testid=stock-change] input[name=key]").GetAttribute("value"), out _));
        Assert.Equal((Warehouse, 3), _store.ExpiringAsked.Single());
    }

    [Fact]
    public void A_write_off_link_opens_the_form_filled_with_the_lot_and_a_notice_after_saving_leaves_it_empty()
    {
        UseLanguage("en");
        var lot = Guid.NewGuid();

        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"/staff/stock?sku=DAIRY-0001&kind=write-off&lotId={lot}&lot=L-77&quantity=4");

        var filled = Render<StockPage>(p => p.AddCascadingValue(Manager()));

        Assert.Equal("DAIRY-0001", filled.Find("[data-testid=change-sku]").GetAttribute("value"));
        Assert.Equal("4", filled.Find("[data-testid=change-quantity]").GetAttribute("value"));
        Assert.NotNull(filled.Find("[data-testid=kind-write-off]").GetAttribute("checked"));
        Assert.Equal(lot.ToString(), filled.Find("input[name=lotId]").GetAttribute("value"));
        Assert.Contains("L-77", filled.Find("[data-testid=change-lot]").TextContent);

        navigation.NavigateTo("/staff/stock?sku=DAIRY-0001&quantity=4&done=write-off");
        var saved = Render<StockPage>(p => p.AddCascadingValue(Manager()));

        Assert.Equal("Written off: 4 of DAIRY-0001.", saved.Find("[data-testid=staff-done]").TextContent);
        Assert.Null(saved.Find("[data-testid=change-sku]").GetAttribute("value"));
        Assert.Empty(saved.FindAll("input[name=lotId]"));
    }

    [Fact]
    public async Task Stock_changes_go_to_inventory_as_a_write_off_or_a_signed_adjustment_with_the_forms_key()
    {
        UseLanguage("vi");
        var context = Manager();

        var writeOff = await StoreEndpoints.ChangeStockAsync(null, "write-off", "DAIRY-0001", "2,5", Guid.Empty, "Damaged", "key-1", context, _store,
            NullLogger<StoreManagementClient>.Instance, CancellationToken.None);
        var missing = await StoreEndpoints.ChangeStockAsync(null, "missing", "DAIRY-0001", "3", null, "Stock count", "key-2", context, _store,
            NullLogger<StoreManagementClient>.Instance, CancellationToken.None);
        var noReason = await StoreEndpoints.ChangeStockAsync(null, "found", "DAIRY-0001", "3", null, " ", "key-3", context, _store,
            NullLogger<StoreManagementClient>.Instance, CancellationToken.None);

        Assert.Equal([("write-off", Warehouse, "DAIRY-0001", 2.5m, "Damaged", "key-1"), ("adjust", Warehouse, "DAIRY-0001", -3m, "Stock count", "key-2")],
            _store.StockChanges.Select(c => (c.Kind, c.WarehouseId, c.Sku, c.Quantity, c.Reason, c.Key)));
        Assert.Equal("/staff/stock?done=write-off&sku=DAIRY-0001&quantity=2.5", writeOff.Url);
        Assert.Equal("/staff/stock?done=missing&sku=DAIRY-0001&quantity=3", missing.Url);
        Assert.Equal("/staff/stock?kind=found&sku=DAIRY-0001&quantity=3&error=reason", noReason.Url);
    }

    [Fact]
    public async Task A_stock_change_reads_the_quantity_in_the_forms_language_and_refuses_a_thousands_separator_with_its_reason()
    {
        UseLanguage("vi");
        var dotted = await StoreEndpoints.ChangeStockAsync(null, "found", "DAIRY-0001", "1.000", null, "Stock count", "key-1", Manager(), _store,
            NullLogger<StoreManagementClient>.Instance, CancellationToken.None);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo(dotted.Url);
        var refused = Render<StockPage>(p => p.AddCascadingValue(Manager()));
        UseLanguage("en");
        var commas = await StoreEndpoints.ChangeStockAsync(null, "found", "DAIRY-0001", "1,000", null, "Stock count", "key-2", Manager(), _store,
            NullLogger<StoreManagementClient>.Instance, CancellationToken.None);
        var english = await StoreEndpoints.ChangeStockAsync(null, "write-off", "DAIRY-0001", "2.5", null, "Damaged", "key-3", Manager(), _store,
            NullLogger<StoreManagementClient>.Instance, CancellationToken.None);

        Assert.Equal("/staff/stock?kind=found&sku=DAIRY-0001&quantity=1.000&reason=Stock%20count&error=separator", dotted.Url);
        Assert.Equal("/staff/stock?kind=found&sku=DAIRY-0001&quantity=1,000&reason=Stock%20count&error=separator", commas.Url);
        Assert.Contains("1000 hoặc 2,5", refused.Find("[data-testid=staff-error]").TextContent);
        // What was typed is still in the form, to be corrected rather than typed again.
        Assert.Equal("DAIRY-0001", refused.Find("[data-testid=change-sku]").GetAttribute("value"));
        Assert.Equal("1.000", refused.Find("[data-testid=change-quantity]").GetAttribute("value"));
        Assert.Equal("Stock count", refused.Find("[data-testid=change-reason]").GetAttribute("value"));
        Assert.NotNull(refused.Find("[data-testid=kind-found]").GetAttribute("checked"));
        Assert.Equal(("write-off", 2.5m, "key-3"), _store.StockChanges.Select(c => (c.Kind, c.Quantity, c.Key)).Single());
        Assert.Equal("/staff/stock?done=write-off&sku=DAIRY-0001&quantity=2.5", english.Url);
    }

    [Fact]
    public async Task The_names_of_a_lists_skus_come_from_one_catalog_batch_read()
    {
        var handler = new CatalogBatch();
        var client = new StoreManagementClient(new HttpClient(handler) { BaseAddress = new Uri("http://gateway") });

        var names = await client.NamesAsync(["DAIRY-0001", "DAIRY-0002", "GONE-0001", "DAIRY-0001"], CancellationToken.None);

        Assert.Equal("/api/v1/products?skus=DAIRY-0001,DAIRY-0002,GONE-0001", Assert.Single(handler.Asked));
        Assert.Equal(new Dictionary<string, string> { ["DAIRY-0001"] = "Sữa tươi", ["DAIRY-0002"] = "Sữa chua" }, names);
    }

    [Fact]
    public async Task A_price_change_names_the_version_read_and_is_refused_when_the_price_moved_since_the_page_was_shown()
    {
        var changed = await StoreEndpoints.ChangePriceAsync(Milk.Id, "35.000", "32000", "sữa", Manager(), _store,
            NullLogger<StoreManagementClient>.Instance, CancellationToken.None);
        var stale = await StoreEndpoints.ChangePriceAsync(Milk.Id, "36000", "30000", "sữa", Manager(), _store,
            NullLogger<StoreManagementClient>.Instance, CancellationToken.None);

        Assert.Equal((Milk.Id, "17", 35_000m), _store.PriceChanges.Single());
        Assert.Equal("/staff/prices?q=s%E1%BB%AFa&done=price&sku=DAIRY-0001", changed.Url);
        Assert.EndsWith("error=stale", stale.Url);
    }

    [Fact]
    public void The_slots_page_shows_each_slots_places_taken_with_forms_to_change_them_or_close_it_and_the_weekly_windows()
    {
        UseLanguage("en");

        var page = Render<SlotsPage>(p => p.AddCascadingValue(Manager()));

        var slots = page.FindAll("[data-testid=slot]");
        Assert.Equal(2, slots.Count);
        Assert.Equal("3 of 10 taken", slots[0].QuerySelector("[data-testid=slot-use]")!.TextContent);
        Assert.Equal("3", slots[0].QuerySelector("[data-testid=slot-capacity]")!.GetAttribute("min"));
        Assert.Equal("true", slots[0].QuerySelector(".toggle input[name=closed]")!.GetAttribute("value"));
        Assert.Equal("Reopen", slots[1].QuerySelector("[data-testid=slot-toggle]")!.TextContent);
        Assert.Equal("false", slots[1].QuerySelector(".toggle input[name=closed]")!.GetAttribute("value"));
        Assert.Equal($"/staff/zones/{Zone}/templates", page.Find("[data-testid=add-template]").GetAttribute("action"));
        Assert.Contains("Monday", page.Find("[data-testid=template]").TextContent);
        Assert.Contains("18:00–19:00", page.Find("[data-testid=template]").TextContent);
    }

    [Fact]
    public async Task A_slot_change_goes_to_delivery_and_a_capacity_that_is_not_a_number_is_refused_without_a_call()
    {
        var slot = Guid.NewGuid();

        var closed = await StoreEndpoints.OverrideSlotAsync(slot, Zone, null, null, "true", Manager(), _store, NullLogger<StoreManagementClient>.Instance, CancellationToken.None);
        var bad = await StoreEndpoints.OverrideSlotAsync(slot, Zone, null, "many", null, Manager(), _store, NullLogger<StoreManagementClient>.Instance, CancellationToken.None);

        Assert.Equal((slot, (int?)null, (bool?)true), _store.SlotChanges.Single());
        Assert.Equal($"/staff/slots?zoneId={Zone}&done=closed#slot-{slot:N}", closed.Url);
        Assert.Equal($"/staff/slots?zoneId={Zone}&error=capacity#slot-{slot:N}", bad.Url);
    }

    [Fact]
    public async Task A_refused_catalog_import_gives_every_lines_error_and_an_accepted_one_its_counts()
    {
        var refused = new StoreManagementClient(new HttpClient(new OneAnswer(HttpStatusCode.BadRequest, """
            {"title":"2 errors; nothing was imported.","status":400,"errors":{"line 3: price":["price is a number of đồng."]},
             "lineErrors":[{"line":3,"field":"price","message":"price is a number of đồng."},{"line":5,"field":"gtin","message":"gtin has 13 digits."}]}
            """)) { BaseAddress = new Uri("http://gateway") });
        var accepted = new StoreManagementClient(new HttpClient(new OneAnswer(HttpStatusCode.OK, """{"rows":4,"created":1,"updated":2,"unchanged":1}"""))
            { BaseAddress = new Uri("http://gateway") });

        var errors = await refused.ImportCatalogAsync("manager-token", new MemoryStream(Encoding.UTF8.GetBytes("sku\n")), "products.csv", CancellationToken.None);
        var counts = await accepted.ImportCatalogAsync("manager-token", new MemoryStream(Encoding.UTF8.GetBytes("sku\n")), "products.csv", CancellationToken.None);

        Assert.False(errors.Succeeded);
        Assert.Equal([(3, "price"), (5, "gtin")], errors.LineErrors.Select(e => (e.Line, e.Field)));
        Assert.True(counts.Succeeded);
        Assert.Equal((4, 1, 2, 1), (counts.Rows, counts.Created, counts.Updated, counts.Unchanged));
    }

    private static DefaultHttpContext Manager() => new()
    {
        User = new ClaimsPrincipal(new ClaimsIdentity([
            new Claim(ShopperTokens.AccessToken, "manager-token"), new Claim(ClaimTypes.Role, GroceryRoles.StoreManager),
            new Claim(WarehouseAssignment.ClaimType, Warehouse.ToString())], "test")),
    };

    private sealed class OneAnswer(HttpStatusCode status, string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("Bearer manager-token", request.Headers.Authorization?.ToString());
            Assert.Equal("/api/v1/products/import", request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(json, Encoding.UTF8, status == HttpStatusCode.OK ? "application/json" : "application/problem+json"),
            });
        }
    }

    /// <summary>Catalog's batch read by SKU: answers the SKUs it knows, leaves the rest out.</summary>
    private sealed class CatalogBatch : HttpMessageHandler
    {
        public List<string> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked.Add(request.RequestUri!.PathAndQuery);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""
                    {"items":[{"id":"0193a5c0-0000-7000-8000-00000000a11c","sku":"DAIRY-0001","name":"Sữa tươi"},
                              {"id":"0193a5c0-0000-7000-8000-00000000a11d","sku":"DAIRY-0002","name":"Sữa chua"}],"nextCursor":null}
                    """, Encoding.UTF8, "application/json"),
            });
        }
    }

    private sealed class FakeStore : IStoreManagement
    {
        public sealed record Receipt(string Token, Guid WarehouseId, string Sku, decimal Quantity, DateOnly? BestBefore, string? LotCode, string Key);

        public sealed record Change(string Kind, Guid WarehouseId, string Sku, decimal Quantity, string Reason, string Key);

        public List<Receipt> Receipts { get; } = [];
        public List<Change> StockChanges { get; } = [];
        public List<(Guid Id, string Version, decimal Price)> PriceChanges { get; } = [];
        public List<(Guid SlotId, int? Capacity, bool? Closed)> SlotChanges { get; } = [];
        public List<(Guid WarehouseId, int Days)> ExpiringAsked { get; } = [];
        public Guid ExpiringLot { get; } = Guid.NewGuid();
        public bool RefuseReceipts { get; set; }

        public Task<ApiResult<ManagedProduct>> FindByCodeAsync(string accessToken, string code, CancellationToken cancellationToken = default) =>
            Task.FromResult(code == Milk.Gtin ? new ApiResult<ManagedProduct>(Milk, null, 200) : new ApiResult<ManagedProduct>(null, "none", 404));

        public Task<IReadOnlyList<ProductSummary>> SearchAsync(string text, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ProductSummary>>([]);

        public Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(skus.Where(s => s == Milk.Sku).ToDictionary(s => s, _ => Milk.Name));

        public Task<ApiResult<ManagedProduct>> GetProductAsync(string accessToken, Guid id, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ApiResult<ManagedProduct>(Milk, null, 200));

        public Task<ApiResult<ManagedProduct>> ChangePriceAsync(string accessToken, Guid id, string version, decimal price, CancellationToken cancellationToken = default)
        {
            PriceChanges.Add((id, version, price));
            return Task.FromResult(new ApiResult<ManagedProduct>(Milk with { Price = price }, null, 200));
        }

        public Task<CatalogImport> ImportCatalogAsync(string accessToken, Stream csv, string fileName, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ApiResult<StockChange>> ReceiveAsync(string accessToken, Guid warehouseId, string sku, decimal quantity, DateOnly? bestBefore, string? lotCode,
            string idempotencyKey, CancellationToken cancellationToken = default)
        {
            Receipts.Add(new(accessToken, warehouseId, sku, quantity, bestBefore, lotCode, idempotencyKey));
            return Task.FromResult(RefuseReceipts
                ? new ApiResult<StockChange>(null, "Inventory says no", 400)
                : new ApiResult<StockChange>(new StockChange(warehouseId, [new ReceivedLot(0, sku, Guid.NewGuid())], []), null, 200));
        }

        public Task<ApiResult<StockChange>> AdjustAsync(string accessToken, Guid warehouseId, string sku, decimal quantity, string reason, string idempotencyKey,
            CancellationToken cancellationToken = default)
        {
            StockChanges.Add(new("adjust", warehouseId, sku, quantity, reason, idempotencyKey));
            return Task.FromResult(new ApiResult<StockChange>(new StockChange(warehouseId, [], []), null, 200));
        }

        public Task<ApiResult<StockChange>> WriteOffAsync(string accessToken, Guid warehouseId, string sku, decimal quantity, Guid? lotId, string reason,
            string idempotencyKey, CancellationToken cancellationToken = default)
        {
            StockChanges.Add(new("write-off", warehouseId, sku, quantity, reason, idempotencyKey));
            return Task.FromResult(new ApiResult<StockChange>(new StockChange(warehouseId, [], []), null, 200));
        }

        public Task<ApiResult<IReadOnlyList<LowStockItem>>> LowStockAsync(string accessToken, Guid warehouseId, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ApiResult<IReadOnlyList<LowStockItem>>(
                [new LowStockItem("DAIRY-0002", 0, 0, 0, "Out", 5), new LowStockItem("DAIRY-0001", 4, 1, 3, "Low", 5)], null, 200));

        public Task<ApiResult<ExpiringLots>> ExpiringAsync(string accessToken, Guid warehouseId, int days, CancellationToken cancellationToken = default)
        {
            ExpiringAsked.Add((warehouseId, days));
            var today = new DateOnly(2026, 12, 7);
            return Task.FromResult(new ApiResult<ExpiringLots>(new ExpiringLots(warehouseId, today, today.AddDays(days),
                [new ExpiringLot(ExpiringLot, "DAIRY-0001", "L-77", today.AddDays(-1), 4, Now.AddDays(-10))]), null, 200));
        }

        public Task<ApiResult<IReadOnlyList<ManagedZone>>> ZonesAsync(string accessToken, Guid warehouseId, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ApiResult<IReadOnlyList<ManagedZone>>([new ManagedZone(Zone, "Quận 1", warehouseId, "Asia/Ho_Chi_Minh", ["71000"], ["Quận 1"],
                [new ManagedSlotTemplate(Guid.NewGuid(), DayOfWeek.Monday, new TimeOnly(18, 0), new TimeOnly(19, 0), 10, false, null, 120)])], null, 200));

        public Task<ApiResult<IReadOnlyList<ManagedSlot>>> SlotsAsync(Guid zoneId, CancellationToken cancellationToken = default)
        {
            var start = Now.AddHours(10);
            return Task.FromResult(new ApiResult<IReadOnlyList<ManagedSlot>>([
                new ManagedSlot(Guid.NewGuid(), zoneId, start, start.AddHours(1), start, start.AddHours(1), start.AddHours(-2), 10, 7, 20_000, false, false, true),
                new ManagedSlot(Guid.NewGuid(), zoneId, start.AddHours(1), start.AddHours(2), start.AddHours(1), start.AddHours(2), start.AddHours(-1), 10, 10, 30_000, true, true, false),
            ], null, 200));
        }

        public Task<ApiResult<object>> OverrideSlotAsync(string accessToken, Guid slotId, int? capacity, bool? closed, CancellationToken cancellationToken = default)
        {
            SlotChanges.Add((slotId, capacity, closed));
            return Task.FromResult(new ApiResult<object>(new object(), null, 204));
        }

        public Task<ApiResult<ManagedSlotTemplate>> AddTemplateAsync(string accessToken, Guid zoneId, NewSlotTemplate template, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ApiResult<ManagedSlotTemplate>(null, "not in this test", 400));
    }
}
