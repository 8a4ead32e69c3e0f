using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Grocery.Contracts.Ordering;
using Grocery.Web.Tests.Accessibility;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using RouteAttribute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// Every page whose authorisation names a staff role, found in the web assembly: a visitor is sent to sign in,
/// a signed-in customer gets the 403 page, and neither receives anything the staff pages show.
/// </summary>
public sealed partial class StaffPageAccessTests(StorefrontFixture system)
{
    private static readonly string[] StaffRoleNames = [GroceryRoles.Picker, GroceryRoles.Driver, GroceryRoles.StoreManager, GroceryRoles.Admin];

    /// <summary>The routable pages authorised by role, with a route parameter's constraint filled in.</summary>
    public static IReadOnlyList<string> StaffPages() =>
    [
        .. typeof(Grocery.Web.Components.App).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<AuthorizeAttribute>(inherit: true)
                .Any(a => a.Roles?.Split(',', StringSplitOptions.TrimEntries).Intersect(StaffRoleNames).Any() == true))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => Fill(r.Template)))
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void The_staff_pages_are_found_by_their_authorisation()
    {
        var pages = StaffPages();

        Assert.Contains("/staff/picking", pages);
        Assert.Contains("/staff/deliveries", pages);
        Assert.Contains("/staff/ops", pages);
        Assert.Contains("/staff/receiving", pages);
        Assert.Contains(pages, p => p.StartsWith("/staff/picking/", StringComparison.Ordinal));
        Assert.All(pages, p => Assert.StartsWith("/staff", p));
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_a_customer_gets_403_with_no_staff_data_on_every_staff_page()
    {
        SetDefaultExpectTimeout(30_000);
        var ct = Xunit.TestContext.Current.CancellationToken;
        var warehouse = await StaffAccounts.WarehouseServingAsync(system, "71000", ct);
        var secrets = await StaffDataAsync(warehouse, ct);
        var pages = StaffPages().Select(p => p.Replace(PlaceholderOrder.ToString(), secrets.OrderId?.ToString() ?? PlaceholderOrder.ToString())).ToList();
        var customer = await StaffAccounts.CreateAsync(system, "customer", null, null, ct);

        await using var visitor = await system.Browser.NewContextAsync(new() { BaseURL = system.WebAddress.ToString() });
        foreach (var page in pages)
        {
            var response = await visitor.APIRequest.GetAsync(page, new() { MaxRedirects = 0 });
            Assert.Equal(302, response.Status);
            Assert.Matches(new Regex("/account/sign-in\\?ReturnUrl=", RegexOptions.IgnoreCase), response.Headers["location"]);
            AssertNoStaffData(page, await response.TextAsync(), secrets);
        }

        await using var phone = await system.Browser.NewContextAsync(new() { BaseURL = system.WebAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var browser = await phone.NewPageAsync();
        await StaffJourneyTests.SignInAsync(browser, customer.Email, customer.Password, "/");
        await Expect(browser.GetByTestId("staff-link")).ToHaveCountAsync(0);
        foreach (var page in pages)
        {
            var response = await phone.APIRequest.GetAsync(page + $"?warehouseId={warehouse}", new() { MaxRedirects = 0 });
            Assert.Equal(403, response.Status);
            var html = await response.TextAsync();
            Assert.Contains("data-testid=\"forbidden\"", html);
            AssertNoStaffData(page, html, secrets);
        }
        var shown = await browser.GotoAsync("/staff/picking");
        Assert.Equal(403, shown!.Status);
        await Expect(browser.GetByTestId("forbidden")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(browser, "staff-forbidden", "phone-vi");
        await using var desktop = await system.Browser.NewContextAsync(new()
        {
            BaseURL = system.WebAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 }, StorageState = await phone.StorageStateAsync(),
        });
        await desktop.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = system.WebAddress.ToString() }]);
        var wide = await desktop.NewPageAsync();
        await wide.GotoAsync("/staff/deliveries");
        await Expect(wide.GetByTestId("forbidden")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(wide, "staff-forbidden", "desktop-en");

        // The same addresses do show the staff their work: what was refused above is there to be refused.
        (string adminEmail, string adminPassword) = await StaffAccounts.AdminAsync(system, ct);
        await using var admin = await system.Browser.NewContextAsync(new() { BaseURL = system.WebAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var adminPage = await admin.NewPageAsync();
        await StaffJourneyTests.SignInAsync(adminPage, adminEmail, adminPassword, "/staff");
        await Expect(adminPage.GetByTestId("staff-areas")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(adminPage, "staff-home", "desktop-vi");
        foreach (var page in pages)
        {
            var response = await admin.APIRequest.GetAsync(page + $"?warehouseId={warehouse}", new() { MaxRedirects = 0 });
            Assert.Equal(200, response.Status);
            var html = await response.TextAsync();
            Assert.DoesNotContain("data-testid=\"forbidden\"", html);
            Assert.False(html.Contains("site-footer", StringComparison.Ordinal), $"{page} shows the shoppers' footer");
        }
        var queue = await (await admin.APIRequest.GetAsync($"/staff/picking?warehouseId={warehouse}")).TextAsync();
        Assert.Contains("data-testid=\"stock-change\"", await (await admin.APIRequest.GetAsync($"/staff/stock?warehouseId={warehouse}")).TextAsync());
        Assert.Contains("data-testid=\"slot\"", await (await admin.APIRequest.GetAsync($"/staff/slots?warehouseId={warehouse}")).TextAsync());
        Assert.All(secrets.QueueShortIds, id => Assert.Contains(id, queue));

        // The ops pages read every service through the gateway: each answers, none says it is unavailable.
        await adminPage.GotoAsync("/staff/ops/messages");
        await Expect(adminPage.GetByTestId("service-dead-letters")).ToHaveCountAsync(ResourceNames.Services.Count);
        await Expect(adminPage.Locator("[data-testid=service-dead-letters] .form-error, [data-testid=service-parked-keys] .form-error")).ToHaveCountAsync(0);
        await adminPage.GotoAsync("/staff/ops");
        await Expect(adminPage.GetByTestId("orders-per-hour")).ToBeVisibleAsync();
        await Expect(adminPage.GetByTestId("stuck-count")).Not.ToHaveTextAsync("–");
        await ShoppingJourneyTests.Screenshot(adminPage, "staff-ops", "desktop-vi");
        await AxeScan.AssertNoSeriousViolationsAsync(adminPage, "ops overview");
        await using var adminPhone = await system.Browser.NewContextAsync(new()
        {
            BaseURL = system.WebAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, StorageState = await admin.StorageStateAsync(),
        });
        await adminPhone.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = system.WebAddress.ToString() }]);
        var opsPhone = await adminPhone.NewPageAsync();
        await opsPhone.GotoAsync("/staff/ops");
        await Expect(opsPhone.GetByTestId("stuck-count")).Not.ToHaveTextAsync("–");
        await ShoppingJourneyTests.Screenshot(opsPhone, "staff-ops", "phone-en");
        await opsPhone.GotoAsync("/staff");
        await ShoppingJourneyTests.Screenshot(opsPhone, "staff-home", "phone-en");
    }

    private static void AssertNoStaffData(string page, string html, StaffData secrets)
    {
        Assert.DoesNotContain("data-testid=\"picking-queue\"", html);
        Assert.DoesNotContain("data-testid=\"drop-offs\"", html);
        Assert.DoesNotContain("data-testid=\"pick-line\"", html);
        Assert.DoesNotContain("data-testid=\"stock-change\"", html);
        Assert.DoesNotContain("data-testid=\"slot\"", html);
        foreach (var secret in secrets.All)
            Assert.False(html.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{page} sent {secret}");
    }

    /// <summary>What the staff pages of the warehouse would show now, read from the services as the admin.</summary>
    private async Task<StaffData> StaffDataAsync(Guid warehouse, CancellationToken ct)
    {
        using var ordering = await StaffAccounts.AdminClientAsync(system, ResourceNames.Ordering, ct);
        var queue = await ordering.GetFromJsonAsync<Queue>($"/api/v1/picking?warehouseId={warehouse}", ct);
        using var delivery = await StaffAccounts.AdminClientAsync(system, ResourceNames.Delivery, ct);
        var drops = await delivery.GetFromJsonAsync<List<Drop>>($"/api/v1/shipments?warehouseId={warehouse}", ct);
        var orderIds = queue!.Orders.Select(o => o.OrderId).ToList();
        var shortIds = orderIds.Select(OrderNumber.Of).ToList();
        var addresses = drops!.Where(d => d.DropOff is not null).SelectMany(d => new[] { d.DropOff!.Address, d.DropOff.Phone }).ToList();
        return new StaffData(orderIds.FirstOrDefault() is var first && first != Guid.Empty ? first : null, shortIds,
            [warehouse.ToString(), .. orderIds.Select(id => id.ToString()), .. shortIds.Select(s => "#" + s), .. addresses]);
    }

    private static readonly Guid PlaceholderOrder = new("00000000-0000-0000-0000-0000000000a1");

    private static string Fill(string template) => RouteParameter().Replace(template, m => m.Groups["constraint"].Value switch
    {
        "guid" => PlaceholderOrder.ToString(),
        "int" or "long" => "1",
        _ => "x",
    });

    [GeneratedRegex("\\{(?<name>[^}:]+)(:(?<constraint>[^}]+))?\\}")]
    private static partial Regex RouteParameter();

    private sealed record StaffData(Guid? OrderId, IReadOnlyList<string> QueueShortIds, IReadOnlyList<string> All);

    private sealed record Queue(IReadOnlyList<QueueEntry> Orders);

    private sealed record QueueEntry(Guid OrderId);

    private sealed record Drop(Guid OrderId, DropOff? DropOff);

    private sealed record DropOff(string Address, string Phone);
}
