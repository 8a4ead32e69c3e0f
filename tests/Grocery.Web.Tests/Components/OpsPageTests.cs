using System.Security.Claims;
using Grocery.Web.Components.Pages.Staff;
using Grocery.Web.Components.Shared;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Grocery.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grocery.Web.Tests.Components;

public sealed class OpsPageTests : StorefrontTestContext
{
    private static readonly Guid Stuck = new("0193a5c0-0000-7000-8000-00000000beef");
    private static readonly Guid Picker = new("0193a5c0-0000-7000-8000-0000000000aa");
    private static readonly Guid Zone = new("0193a5c0-0000-7000-8000-0000000000cc");
    private static readonly Guid WarehouseId = new("0193a5c0-0000-7000-8000-0000000000bb");
    private readonly FakeOps _ops = new();

    public OpsPageTests()
    {
        Services.AddSingleton<IOps>(_ops);
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.com");
        auth.SetRoles(GroceryRoles.Admin);
    }

    [Fact]
    public void The_overview_charts_orders_per_hour_and_saga_outcomes_and_lists_stuck_orders_with_their_step_and_age()
    {
        UseLanguage("en");

        var page = Render<OpsPage>(p => p.AddCascadingValue(Admin()));

        var hourly = page.Find("[data-testid=orders-per-hour]");
        Assert.Equal(24, hourly.QuerySelectorAll("svg rect.bar").Length);
        Assert.Equal(24, hourly.QuerySelectorAll("[data-testid=orders-per-hour-table] tbody tr").Length);
        Assert.Contains("7 orders", hourly.QuerySelector("figcaption")!.TextContent);
        Assert.Contains("the busiest hour had 4", hourly.QuerySelector("svg desc")!.TextContent);
        var outcomes = page.Find("[data-testid=saga-outcomes]");
        Assert.Equal("Saga outcomes", outcomes.QuerySelector("svg title")!.TextContent);
        Assert.Contains("Confirmed, being fulfilled 5", outcomes.QuerySelector("svg desc")!.TextContent);
        Assert.Contains("Cancelled: timed out 2", outcomes.QuerySelector("svg desc")!.TextContent);
        var stuck = page.Find("[data-testid=stuck-order]");
        Assert.Contains("#0000BEEF", stuck.TextContent);
        Assert.Contains("payment", stuck.TextContent);
        Assert.Contains("2 h 05 min", stuck.TextContent);
        Assert.All(_ops.Tokens, t => Assert.Equal("admin-token", t));
    }

    [Fact]
    public void With_ordering_down_the_overview_says_so_instead_of_charting_nothing()
    {
        UseLanguage("en");
        _ops.OrderingDown = true;

        var page = Render<OpsPage>(p => p.AddCascadingValue(Admin()));

        Assert.Contains("Operations are not available right now", page.Find("[data-testid=metrics-error]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=orders-per-hour]"));
    }

    [Fact]
    public void The_hourly_chart_is_in_vietnamese_with_the_store_hours_on_its_axis()
    {
        UseLanguage("vi");

        var page = Render<OpsPage>(p => p.AddCascadingValue(Admin()));

        var hourly = page.Find("[data-testid=orders-per-hour]");
        Assert.Equal("Đơn hàng mỗi giờ", hourly.QuerySelector("svg title")!.TextContent);
        // The last hour starts at 01:00 UTC, 08:00 in the store; every third store hour is written under its bar.
        var axis = hourly.QuerySelectorAll(".axis span").Select(s => s.TextContent).ToList();
        Assert.Equal(["09", "12", "15", "18", "21", "00", "03", "06"], axis.Where(a => a.Length > 0));
        Assert.Equal("06", axis[^3]);
        Assert.Equal("Xem số liệu", hourly.QuerySelector("summary")!.TextContent);
    }

    [Fact]
    public void The_messages_page_lists_each_services_dead_letters_to_replay_or_discard_and_the_keys_parked_behind_them()
    {
        UseLanguage("en");

        var page = Render<OpsMessagesPage>(p => p.AddCascadingValue(Admin()));

        var ordering = page.Find("[data-testid=service-dead-letters][data-service=ordering]");
        Assert.Equal("/staff/ops/ordering/dead-letters/7/replay", ordering.QuerySelector("[data-testid=dead-letter] form")!.GetAttribute("action"));
        Assert.Contains("3 waiting behind it", ordering.TextContent);
        Assert.Contains("Operations are not available right now", page.Find("[data-testid=service-dead-letters][data-service=delivery]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=dead-letter-count]").TextContent);
        Assert.Equal(ResourceNames.Services.Count, page.FindAll("[data-testid=service-dead-letters]").Count);
        var parked = page.Find("[data-testid=parked-key]");
        Assert.Contains("order-1", parked.TextContent);
        Assert.Equal("#ordering-letter-7", parked.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.Find("#ordering-letter-7"));
        Assert.Equal("1", page.Find("[data-testid=parked-key-count]").TextContent);
    }

    [Fact]
    public void A_user_found_by_email_shows_every_role_to_grant_or_revoke_and_their_warehouse()
    {
        UseLanguage("en");

        Services.GetRequiredService<NavigationManager>().NavigateTo("/staff/ops/users?email=picker%40example.com");

        var page = Render<OpsUsersPage>(p => p.AddCascadingValue(Admin()));

        var user = page.Find("[data-testid=user]");
        Assert.Equal(Picker.ToString(), user.GetAttribute("data-user-id"));
        Assert.Equal(GroceryRoles.All, user.QuerySelectorAll("[data-role]").Select(r => r.GetAttribute("data-role")));
        Assert.Equal($"/staff/ops/users/{Picker}/roles/picker/grant", page.Find("[data-testid=grant-picker]").Closest("form")!.GetAttribute("action"));
        Assert.Equal($"/staff/ops/users/{Picker}/roles/customer/revoke", page.Find("[data-testid=revoke-customer]").Closest("form")!.GetAttribute("action"));
        Assert.Equal(WarehouseId.ToString(), page.Find("[data-testid=warehouse] option[selected]").GetAttribute("value"));
        Assert.Equal("picker@example.com", _ops.Searched.Single());
    }

    [Fact]
    public void An_email_nobody_registered_with_says_so()
    {
        UseLanguage("en");

        Services.GetRequiredService<NavigationManager>().NavigateTo("/staff/ops/users?email=nobody%40example.com");

        var page = Render<OpsUsersPage>(p => p.AddCascadingValue(Admin()));

        Assert.Equal("Nobody has registered with that email.", page.Find("[data-testid=find-error]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=user]"));
    }

    [Fact]
    public void Slot_utilisation_shows_each_zones_days_taken_against_capacity_and_low_stock_shows_each_warehouses_emptiest_skus()
    {
        UseLanguage("en");

        var page = Render<OpsCapacityPage>(p => p.AddCascadingValue(Admin()));

        var today = page.Find("[data-testid=zone-utilisation] [data-testid=zone-day][data-day='2026-12-07']");
        Assert.Equal("30 of 40 (75%)", today.QuerySelector("[data-testid=taken]")!.TextContent);
        Assert.Equal("60", today.QuerySelector("rect.confirmed")!.GetAttribute("width"));
        Assert.Equal(("60", "15"), (today.QuerySelector("rect.held")!.GetAttribute("x"), today.QuerySelector("rect.held")!.GetAttribute("width")));
        Assert.Equal("3 confirmed, 0 held, closed slots: 1", page.Find("[data-day='2026-12-08'] [data-testid=split]").TextContent);
        var warehouse = page.Find("[data-testid=warehouse-stock]");
        Assert.Equal(("1", "3", "2"), (warehouse.QuerySelector("[data-testid=out]")!.TextContent, warehouse.QuerySelector("[data-testid=low]")!.TextContent,
            warehouse.QuerySelector("[data-testid=expiring]")!.TextContent));
        Assert.Equal(["MILK-1L", "BANANA"], page.FindAll("[data-testid=lowest-sku] th").Select(t => t.TextContent));
    }

    [Fact]
    public void With_inventory_down_the_slots_still_show_and_the_stock_says_it_is_unavailable()
    {
        UseLanguage("vi");
        _ops.InventoryDown = true;

        var page = Render<OpsCapacityPage>(p => p.AddCascadingValue(Admin()));

        Assert.Equal(2, page.FindAll("[data-testid=zone-day]").Count);
        Assert.NotEmpty(page.Find("[data-testid=stock-error]").TextContent);
        Assert.Contains("30 trên 40 (75%)", page.Find("[data-testid=taken]").TextContent);
    }

    [Fact]
    public void Bars_are_as_tall_as_their_share_of_the_largest_and_the_table_holds_the_same_numbers()
    {
        var chart = Render<BarChart>(p => p
            .Add(c => c.Id, "c").Add(c => c.Title, "Things").Add(c => c.Description, "Some things")
            .Add(c => c.LabelHeading, "What").Add(c => c.ValueHeading, "How many")
            .Add(c => c.Bars, [new BarChart.Bar("a", 4, "A"), new BarChart.Bar("b", 0), new BarChart.Bar("c", 2, "C")]));

        var bars = chart.FindAll("rect.bar");
        Assert.Equal(["100", "0", "50"], bars.Select(b => b.GetAttribute("height")));
        Assert.Equal(["0", "100", "50"], bars.Select(b => b.GetAttribute("y")));
        Assert.Equal("c-title c-desc", chart.Find("svg").GetAttribute("aria-labelledby"));
        Assert.Equal([("a", "4"), ("b", "0"), ("c", "2")], chart.FindAll("tbody tr").Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelector("td")!.TextContent)));
    }

    [Fact]
    public async Task Replaying_a_dead_letter_goes_through_the_named_service_and_comes_back_to_the_messages_saying_so()
    {
        var result = await OpsEndpoints.ResolveAsync(ResourceNames.Ordering, 7, "replay", Admin(), _ops, NullLogger.Instance, CancellationToken.None);

        Assert.Equal((ResourceNames.Ordering, 7L, "replay"), _ops.Resolved.Single());
        Assert.Equal("/staff/ops/messages?done=replay&letter=ordering%20%237", result.Url);
    }

    [Fact]
    public async Task A_service_that_is_not_one_of_ours_is_refused_without_a_call()
    {
        var result = await OpsEndpoints.ResolveAsync("elsewhere", 7, "discard", Admin(), _ops, NullLogger.Instance, CancellationToken.None);

        Assert.Empty(_ops.Resolved);
        Assert.StartsWith("/staff/ops/messages?error=", result.Url);
    }

    [Fact]
    public async Task Granting_a_role_goes_to_identity_and_comes_back_to_the_user_saying_so()
    {
        var result = await OpsEndpoints.ChangeRoleAsync(Picker, GroceryRoles.Picker, grant: true, Admin(), _ops, NullLogger.Instance, CancellationToken.None);

        Assert.Equal((Picker, GroceryRoles.Picker, true), _ops.RoleChanges.Single());
        Assert.Equal($"/staff/ops/users?user={Picker}&done=grant&role=picker", result.Url);
    }

    [Fact]
    public async Task A_role_that_does_not_exist_is_refused_without_a_call()
    {
        var result = await OpsEndpoints.ChangeRoleAsync(Picker, "overlord", grant: true, Admin(), _ops, NullLogger.Instance, CancellationToken.None);

        Assert.Empty(_ops.RoleChanges);
        Assert.Contains("error=", result.Url);
    }

    [Fact]
    public async Task Choosing_no_warehouse_removes_the_assignment()
    {
        var result = await OpsEndpoints.AssignWarehouseAsync(Picker, "", Admin(), _ops, NullLogger<OpsClient>.Instance, CancellationToken.None);

        Assert.Equal((Picker, (Guid?)null), _ops.Assignments.Single());
        Assert.Equal($"/staff/ops/users?user={Picker}&done=warehouse", result.Url);
    }

    private static DefaultHttpContext Admin() =>
        new() { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ShopperTokens.AccessToken, "admin-token"), new Claim(ClaimTypes.Role, GroceryRoles.Admin)], "test")) };

    private sealed class FakeOps : IOps
    {
        public bool OrderingDown { get; set; }

        public bool InventoryDown { get; set; }

        public List<string> Tokens { get; } = [];

        public List<string> Searched { get; } = [];

        public List<(string Service, long Id, string Action)> Resolved { get; } = [];

        public List<(Guid User, string Role, bool Grant)> RoleChanges { get; } = [];

        public List<(Guid User, Guid? Warehouse)> Assignments { get; } = [];

        public Task<ApiResult<IReadOnlyList<StuckOrder>>> StuckOrdersAsync(string accessToken, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            IReadOnlyList<StuckOrder> stuck = [new(Stuck, "Placed", "Reserved", "Booked", "Pending", Now.AddHours(-2), null, "payment", TimeSpan.FromMinutes(125))];
            return Task.FromResult(new ApiResult<IReadOnlyList<StuckOrder>>(stuck, null, 200));
        }

        public Task<ApiResult<OrderMetrics>> OrderMetricsAsync(string accessToken, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            if (OrderingDown) throw new HttpRequestException("Connection refused");
            var from = Now.AddHours(-23);
            IReadOnlyList<HourlyOrders> hours = [.. Enumerable.Range(0, 24).Select(i => new HourlyOrders(from.AddHours(i), i switch { 20 => 4, 22 => 2, 23 => 1, _ => 0 }))];
            IReadOnlyList<SagaOutcomeCount> outcomes = [new("InProgress", 0), new("Confirmed", 5), new("Delivered", 0), new("CancelledTimeout", 2)];
            return Task.FromResult(new ApiResult<OrderMetrics>(new OrderMetrics(from, Now, hours, outcomes), null, 200));
        }

        public Task<ServiceDeadLetters> PendingDeadLettersAsync(string accessToken, string service, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            if (service == ResourceNames.Delivery) throw new HttpRequestException("Connection refused");
            IReadOnlyList<DeadLetter> letters = service == ResourceNames.Ordering
                ? [new(7, "grocery.payments", 1, 42, "order-1", "m-1", "PaymentCaptured", "Handler threw", 5, Now.AddMinutes(-30), 3)]
                : [];
            return Task.FromResult(new ServiceDeadLetters(service, letters, null));
        }

        public Task<ServiceParkedKeys> ParkedKeysAsync(string accessToken, string service, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            IReadOnlyList<ParkedKey> keys = service == ResourceNames.Ordering ? [new("grocery.payments", "order-1", 7, 3, Now.AddMinutes(-30))] : [];
            return Task.FromResult(new ServiceParkedKeys(service, keys, null));
        }

        public Task<ApiResult<object>> ResolveAsync(string accessToken, string service, long id, string action, CancellationToken cancellationToken = default)
        {
            Resolved.Add((service, id, action));
            return Task.FromResult(new ApiResult<object>(new object(), null, 200));
        }

        public Task<ApiResult<StaffUser>> FindUserAsync(string accessToken, string email, CancellationToken cancellationToken = default)
        {
            Searched.Add(email);
            return Task.FromResult(email == "picker@example.com"
                ? new ApiResult<StaffUser>(new StaffUser(Picker, email, [GroceryRoles.Customer], Now.AddDays(-3), false, WarehouseId), null, 200)
                : new ApiResult<StaffUser>(null, null, 404));
        }

        public Task<ApiResult<StaffUser>> GetUserAsync(string accessToken, Guid userId, CancellationToken cancellationToken = default) =>
            FindUserAsync(accessToken, userId == Picker ? "picker@example.com" : "", cancellationToken);

        public Task<ApiResult<object>> ChangeRoleAsync(string accessToken, Guid userId, string role, bool grant, CancellationToken cancellationToken = default)
        {
            RoleChanges.Add((userId, role, grant));
            return Task.FromResult(new ApiResult<object>(new object(), null, 200));
        }

        public Task<ApiResult<object>> AssignWarehouseAsync(string accessToken, Guid userId, Guid? warehouseId, CancellationToken cancellationToken = default)
        {
            Assignments.Add((userId, warehouseId));
            return Task.FromResult(new ApiResult<object>(new object(), null, 204));
        }

        public Task<IReadOnlyList<Warehouse>> WarehousesAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Warehouse>>([new Warehouse(WarehouseId, "HCM1", "Quận 1")]);

        public Task<ApiResult<IReadOnlyList<ZoneDayUtilisation>>> SlotUtilisationAsync(string accessToken, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            IReadOnlyList<ZoneDayUtilisation> days =
            [
                new(Zone, "Quận 1", WarehouseId, new DateOnly(2026, 12, 7), 2, 0, 40, 6, 24),
                new(Zone, "Quận 1", WarehouseId, new DateOnly(2026, 12, 8), 1, 1, 20, 0, 3),
            ];
            return Task.FromResult(new ApiResult<IReadOnlyList<ZoneDayUtilisation>>(days, null, 200));
        }

        public Task<ApiResult<IReadOnlyList<WarehouseLowStock>>> LowStockAsync(string accessToken, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            if (InventoryDown) throw new HttpRequestException("Connection refused");
            IReadOnlyList<WarehouseLowStock> stock = [new(WarehouseId, "HCM1", "Quận 1", 3, 1, 2, [new("MILK-1L", 0m, 10m), new("BANANA", 1.5m, 5m)])];
            return Task.FromResult(new ApiResult<IReadOnlyList<WarehouseLowStock>>(stock, null, 200));
        }
    }
}
