using System.Security.Claims;
using Grocery.Web.Components.Pages.Staff;
using Grocery.Web.Components.Shared;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Grocery.Web.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Web.Tests.Components;

public sealed class StaffComponentsTests : StorefrontTestContext
{
    private static readonly Guid OrderId = new("0193a5c0-0000-7000-8000-0000000000ab");
    private readonly FakePicking _picking = new();

    public StaffComponentsTests()
    {
        Services.AddSingleton<IPicking>(_picking);
        Services.AddSingleton<IWarehouses>(new NoWarehouses());
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        auth.SetAuthorized("picker@example.com");
        auth.SetRoles(GroceryRoles.Picker);
        auth.SetClaims(new Claim(ShopperTokens.AccessToken, "picker-token"));
    }

    [Fact]
    public void The_weight_entry_shows_the_allowed_range_in_the_pickers_language_and_refuses_a_weight_outside_it()
    {
        UseLanguage("vi");
        decimal? weighed = null;
        var entry = Render<WeightEntry>(p => p.Add(c => c.Name, "Chuối").Add(c => c.Estimate, 0.5m).Add(c => c.Min, 0.001m).Add(c => c.Max, 0.55m)
            .Add(c => c.OnWeigh, kg => weighed = kg));

        Assert.Contains("0,001–0,55 kg", entry.Find("[data-testid=weight-range]").TextContent);
        entry.Find("[data-testid=weight]").Change("0,6");
        entry.Find("form").Submit();

        Assert.Null(weighed);
        Assert.Contains("0,6 kg", entry.Find("[data-testid=weight-problem]").TextContent);
    }

    [Theory]
    [InlineData("0,52")]
    [InlineData("0.52")]
    [InlineData("0,52 kg")]
    public void A_weight_within_the_range_is_handed_over_whichever_decimal_mark_is_typed(string typed)
    {
        UseLanguage("vi");
        decimal? weighed = null;
        var entry = Render<WeightEntry>(p => p.Add(c => c.Name, "Chuối").Add(c => c.Estimate, 0.5m).Add(c => c.Min, 0.001m).Add(c => c.Max, 0.55m)
            .Add(c => c.OnWeigh, kg => weighed = kg));

        entry.Find("[data-testid=weight]").Change(typed);
        entry.Find("form").Submit();

        Assert.Equal(0.52m, weighed);
        Assert.Empty(entry.FindAll("[data-testid=weight-problem]"));
    }

    [Fact]
    public void A_scan_hands_over_the_trimmed_code_empties_the_field_and_keeps_the_focus()
    {
        UseLanguage("en");
        var scanned = new List<string>();
        var field = Render<ScanField>(p => p.Add(c => c.Label, "Scan").Add(c => c.OnScan, code => scanned.Add(code)));

        field.Find("[data-testid=scan]").Change(" 8934567000017 ");
        field.Find("form").Submit();
        field.Find("[data-testid=scan]").Change("");
        field.Find("form").Submit();

        Assert.Equal(["8934567000017"], scanned);
        Assert.Equal("", field.Find("[data-testid=scan]").GetAttribute("value") ?? "");
        Assert.Equal(2, JSInterop.VerifyFocusAsyncInvoke(calledTimes: 2).Count);
    }

    [Fact]
    public void The_pick_list_groups_lines_by_storage_and_aisle_and_a_scan_picks_a_counted_line_whole()
    {
        UseLanguage("vi");
        var page = Render<PickListPage>(p => p.Add(c => c.OrderId, OrderId));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=pick-line]").Count));
        Assert.Contains("10:00–12:00", page.Find(".meta").TextContent);
        Assert.Equal(["Nhiệt độ thường", "Ngăn mát 0–4°C"], page.FindAll(".storage h2").Select(h => h.TextContent));
        Assert.Equal(["Dãy A1", "Dãy A2", "Dãy C1"], page.FindAll(".storage h3").Select(h => h.TextContent));

        page.Find("[data-testid=scan]").Change("8930000000002");
        page.Find("[data-testid=scan-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("picked", page.Find("[data-line-no='2']").GetAttribute("data-state")));
        Assert.Equal(("picker-token", 2, "8930000000002", 3m, (decimal?)null), _picking.Picks.Single());
    }

    [Fact]
    public void A_refused_weight_shows_the_reason_Ordering_gives()
    {
        UseLanguage("en");
        _picking.Refusal = "The weight must be between 0.001 and 0.55 kg (ordered 0.5 kg plus 10%).";
        var page = Render<PickListPage>(p => p.Add(c => c.OrderId, OrderId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=scan]")));

        page.Find("[data-testid=scan]").Change("8930000000001");
        page.Find("[data-testid=scan-form]").Submit();
        page.Find("[data-testid=weight]").Change("0.5");
        page.Find("[data-testid=weight-entry]").Submit();

        page.WaitForAssertion(() => Assert.Equal(_picking.Refusal, page.Find("[data-testid=pick-error]").TextContent));
        Assert.Equal("pending", page.Find("[data-line-no='1']").GetAttribute("data-state"));
    }

    [Fact]
    public void A_code_that_is_not_on_the_list_is_named_without_calling_Ordering()
    {
        UseLanguage("en");
        var page = Render<PickListPage>(p => p.Add(c => c.OrderId, OrderId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=scan]")));

        page.Find("[data-testid=scan]").Change("123");
        page.Find("[data-testid=scan-form]").Submit();

        Assert.Equal("123 is not on this pick list.", page.Find("[data-testid=pick-error]").TextContent);
        Assert.Empty(_picking.Picks);
    }

    [Fact]
    public void The_bag_labels_name_the_order_the_slot_the_count_and_the_warehouse()
    {
        UseLanguage("en");
        var warehouse = new Guid("0193a5c0-5a11-7000-8000-00000000d001");
        var labels = Render<BagLabel>(p => p.Add(c => c.OrderId, OrderId).Add(c => c.WarehouseId, warehouse)
            .Add(c => c.SlotStart, new DateTimeOffset(2026, 12, 8, 3, 0, 0, TimeSpan.Zero)).Add(c => c.PackageCount, 2).Add(c => c.WarehouseCode, "HCM-Q1"));

        var all = labels.FindAll("[data-testid=bag-label]");
        Assert.Equal(2, all.Count);
        Assert.Contains("#000000AB", all[1].TextContent);
        Assert.Contains("10:00", all[1].TextContent);
        Assert.Contains("Bag 2 of 2", all[1].TextContent);
        Assert.Contains("Warehouse HCM-Q1", all[1].TextContent);
    }

    [Theory]
    [InlineData("117.261", 117_261)]
    [InlineData("117,261", 117_261)]
    [InlineData("117 261 ₫", 117_261)]
    public void Cash_typed_either_way_is_whole_dong(string typed, int expected) => Assert.Equal(expected, Amounts.Parse(typed));

    private sealed class NoWarehouses : IWarehouses
    {
        public Task<Warehouse?> GetAsync(Guid id, CancellationToken cancellationToken = default) => Task.FromResult<Warehouse?>(null);
    }

    private sealed class FakePicking : IPicking
    {
        public List<(string Token, int LineNo, string Gtin, decimal? Quantity, decimal? WeightKg)> Picks { get; } = [];

        public string? Refusal { get; set; }

        private readonly List<PickListLine> _lines =
        [
            Line(1, "8930000000001", "Chuối", 0.5m, weighed: true),
            Line(2, "8930000000002", "Gạo ST25", 3m, weighed: false),
            Line(3, "8930000000003", "Sữa tươi", 2m, weighed: false),
        ];

        public Task<ApiResult<PickList>> GetAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default) => Ok(List());

        public Task<ApiResult<PickList>> PickAsync(string accessToken, Guid orderId, int lineNo, string gtin, decimal? quantity, decimal? weightKg,
            CancellationToken cancellationToken = default)
        {
            if (Refusal is not null) return Task.FromResult(new ApiResult<PickList>(null, Refusal, 400));
            Picks.Add((accessToken, lineNo, gtin, quantity, weightKg));
            var index = _lines.FindIndex(l => l.LineNo == lineNo);
            _lines[index] = _lines[index] with { State = "picked", PickedQuantity = quantity ?? weightKg, WeightKg = weightKg };
            return Ok(List());
        }

        public Task<ApiResult<PickingQueue>> QueueAsync(string accessToken, Guid? warehouseId, CancellationToken cancellationToken = default) =>
            Ok(new PickingQueue(warehouseId ?? Guid.Empty,
                [new(OrderId, "Picking", new DateTimeOffset(2026, 12, 8, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero), 3, true, false)], null));

        public Task<ApiResult<PickList>> ClaimAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default) => Ok(List());

        public Task<ApiResult<PickList>> ShortAsync(string accessToken, Guid orderId, int lineNo, decimal available, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ApiResult<Substitutes>> SubstitutesAsync(string accessToken, Guid orderId, int lineNo, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ApiResult<PickList>> SubstituteAsync(string accessToken, Guid orderId, int lineNo, string sku, decimal quantity,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ApiResult<PickList>> RemoveAsync(string accessToken, Guid orderId, int lineNo, string? reason, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ApiResult<PackResult>> PackAsync(string accessToken, Guid orderId, int packageCount, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        private PickList List() => new(OrderId, Guid.NewGuid(), "Picking", "picker", new DateTimeOffset(2026, 12, 8, 3, 0, 0, TimeSpan.Zero), [],
        [
            new("ambient", [new("A1", [_lines[0]]), new("A2", [_lines[1]])]),
            new("chilled", [new("C1", [_lines[2]])]),
        ], _lines.All(l => l.State != "pending"));

        private static Task<ApiResult<T>> Ok<T>(T value) => Task.FromResult(new ApiResult<T>(value, null, 200));

        private static PickListLine Line(int lineNo, string gtin, string name, decimal quantity, bool weighed) =>
            new(lineNo, $"SKU-{lineNo}", gtin, name, quantity, weighed, weighed ? 0.001m : null, weighed ? Math.Round(quantity * 1.1m, 3) : null,
                10_000m, "pending", null, null, null, "AnySimilar", null, null, null, null, null);
    }
}
