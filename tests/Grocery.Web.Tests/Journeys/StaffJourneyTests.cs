using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using System.Text.RegularExpressions;
using Grocery.Contracts.Ordering;
using Grocery.Web.Tests.Accessibility;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// The store's side of an order, in the browser: a shopper orders cash on delivery, a picker of the order's
/// warehouse claims it, scans and weighs it (heavier than ordered, within the range), substitutes a line that
/// is not on the shelf and packs it with a bag label; a driver of that warehouse takes it out and delivers it.
/// </summary>
public sealed class StaffJourneyTests(StorefrontFixture system)
{
    private const string Postcode = "71000";
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly TimeZoneInfo Store = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    [Fact]
    public async Task A_picker_weighs_substitutes_and_packs_an_order_and_a_driver_delivers_it_with_the_cash_collected()
    {
        SetDefaultExpectTimeout(30_000);
        var ct = Xunit.TestContext.Current.CancellationToken;
        var warehouse = await StaffAccounts.WarehouseServingAsync(system, Postcode, ct);
        var picker = await StaffAccounts.CreateAsync(system, "picker", GroceryRoles.Picker, warehouse, ct);
        var driver = await StaffAccounts.CreateAsync(system, "driver", GroceryRoles.Driver, warehouse, ct);

        await using var shopperPhone = await NewContextAsync(Phone);
        var shopper = await shopperPhone.NewPageAsync();
        var orderId = await PlaceCashOnDeliveryOrderAsync(shopper);

        // The picker's queue, on the phone they pick with.
        await using var pickerPhone = await NewContextAsync(Phone);
        var picking = await pickerPhone.NewPageAsync();
        await SignInAsync(picking, picker, "/staff/picking");
        await Expect(picking.GetByTestId("staff-link")).ToBeVisibleAsync();
        var entry = picking.Locator($"[data-testid=queue-entry][data-order-id='{orderId}']");
        await Expect(entry).ToBeVisibleAsync();
        var slotStart = DateTimeOffset.Parse((await entry.GetAttributeAsync("data-slot-start"))!, CultureInfo.InvariantCulture);
        await ShoppingJourneyTests.Screenshot(picking, "staff-picking-queue", "phone-vi");
        await entry.GetByTestId("claim").ClickAsync();
        await picking.WaitForURLAsync(new Regex($"/staff/picking/{orderId}$"));
        await Expect(picking.GetByTestId("pick-line").First).ToBeVisibleAsync();
        await Expect(picking.GetByTestId("scan")).ToBeFocusedAsync();
        await ShoppingJourneyTests.Screenshot(picking, "staff-pick-list", "phone-vi");

        await using var pickerDesktop = await NewContextAsync(Desktop, await pickerPhone.StorageStateAsync(), english: true);
        var wide = await pickerDesktop.NewPageAsync();
        await wide.GotoAsync("/staff/picking");
        await Expect(wide.Locator($"[data-testid=queue-entry][data-order-id='{orderId}'] [data-testid=continue]")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(wide, "staff-picking-queue", "desktop-en");
        await wide.GotoAsync($"/staff/picking/{orderId}");
        await Expect(wide.GetByTestId("pick-line").First).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(wide, "staff-pick-list", "desktop-en");
        await AxeScan.AssertNoSeriousViolationsAsync(wide, "staff pick list");

        // A code that is not on the list is refused on the spot; the field keeps the focus for the next scan.
        await picking.GetByTestId("scan").FillAsync("0000000000000");
        await picking.GetByTestId("scan").PressAsync("Enter");
        await Expect(picking.GetByTestId("pick-error")).ToContainTextAsync("0000000000000");
        await Expect(picking.GetByTestId("scan")).ToBeFocusedAsync();

        // The bananas are weighed: heavier than ordered is fine up to the range's top, above it is refused.
        var weighed = picking.Locator("[data-testid=pick-line][data-weighed=true][data-state=pending]").First;
        var code = (await weighed.GetAttributeAsync("data-code"))!;
        var estimate = decimal.Parse((await weighed.GetAttributeAsync("data-estimate"))!, CultureInfo.InvariantCulture);
        var max = decimal.Parse((await weighed.GetAttributeAsync("data-max"))!, CultureInfo.InvariantCulture);
        Assert.True(max > estimate, $"The range tops out at {max} kg for {estimate} kg ordered.");
        var lineNo = await weighed.GetAttributeAsync("data-line-no");
        await picking.GetByTestId("scan").FillAsync(code);
        await picking.GetByTestId("scan").PressAsync("Enter");
        await Expect(picking.GetByTestId("weight-range")).ToContainTextAsync(Kg(max));
        await Expect(picking.GetByTestId("weight")).ToBeFocusedAsync();
        await picking.GetByTestId("weight").FillAsync(Kg(max + 0.1m));
        await picking.GetByTestId("weigh").ClickAsync();
        await Expect(picking.GetByTestId("weight-problem")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(picking, "staff-pick-weigh", "phone-vi");
        var heavier = Math.Round((estimate + max) / 2, 3);
        await picking.GetByTestId("weight").FillAsync(Kg(heavier));
        await picking.GetByTestId("weight").PressAsync("Enter");
        await Expect(picking.Locator($"[data-testid=pick-line][data-line-no='{lineNo}']")).ToHaveAttributeAsync("data-state", "picked");
        await Expect(picking.GetByTestId("scan")).ToBeFocusedAsync();

        // The milk is not on the shelf: the shopper accepts a similar product, so the picker takes one of those.
        var counted = picking.Locator("[data-testid=pick-line][data-weighed=false][data-state=pending]").First;
        var milkLine = await counted.GetAttributeAsync("data-line-no");
        await counted.GetByTestId("short").ClickAsync();
        var milk = picking.Locator($"[data-testid=pick-line][data-line-no='{milkLine}']");
        await Expect(milk).ToHaveAttributeAsync("data-state", "short");
        await Expect(milk.GetByTestId("substitute").First).ToBeVisibleAsync();
        await milk.ScrollIntoViewIfNeededAsync();
        await ShoppingJourneyTests.Screenshot(picking, "staff-pick-substitutes", "phone-vi");
        await milk.GetByTestId("choose-substitute").First.ClickAsync();
        await Expect(milk).ToHaveAttributeAsync("data-state", "substituted");

        // Anything else on the list is picked by scanning it.
        while (await picking.Locator("[data-testid=pick-line][data-state=pending]").CountAsync() > 0)
        {
            var next = picking.Locator("[data-testid=pick-line][data-state=pending]").First;
            var nextNo = await next.GetAttributeAsync("data-line-no");
            await picking.GetByTestId("scan").FillAsync((await next.GetAttributeAsync("data-code"))!);
            await picking.GetByTestId("scan").PressAsync("Enter");
            if (await next.GetAttributeAsync("data-weighed") == "true")
            {
                await picking.GetByTestId("weight").FillAsync(Kg(decimal.Parse((await next.GetAttributeAsync("data-estimate"))!, CultureInfo.InvariantCulture)));
                await picking.GetByTestId("weigh").ClickAsync();
            }
            await Expect(picking.Locator($"[data-testid=pick-line][data-line-no='{nextNo}']")).ToHaveAttributeAsync("data-state", "picked");
        }

        // Two bags, and their labels to print.
        await Expect(picking.GetByTestId("pack-panel")).ToBeVisibleAsync();
        await picking.Locator("[data-testid=pack-panel] button[aria-label]").Last.ClickAsync();
        await Expect(picking.GetByTestId("packages")).ToHaveValueAsync("2");
        await picking.GetByTestId("pack").ClickAsync();
        await Expect(picking.GetByTestId("bag-label")).ToHaveCountAsync(2);
        await Expect(picking.GetByTestId("bag-label").First).ToContainTextAsync(OrderNumber.Of(orderId));
        using (var inventory = system.App.CreateHttpClient(ResourceNames.Inventory))
        {
            var named = await inventory.GetFromJsonAsync<JsonElement>($"/api/v1/warehouses/{warehouse}", ct);
            await Expect(picking.GetByTestId("bag-label").First).ToContainTextAsync(named.GetProperty("code").GetString()!);
        }
        await ShoppingJourneyTests.Screenshot(picking, "staff-bag-label", "phone-vi");
        await picking.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(picking.Locator("header.site-header")).ToBeHiddenAsync();
        await Expect(picking.GetByTestId("print-label")).ToBeHiddenAsync();
        await Expect(picking.GetByTestId("bag-label").First).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(picking, "staff-bag-label-print", "phone-vi");

        // The driver's day: the order appears once Delivery has booked it for the in-house fleet.
        await using var driverPhone = await NewContextAsync(Phone);
        var driving = await driverPhone.NewPageAsync();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(slotStart, Store).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await SignInAsync(driving, driver, $"/staff/deliveries?date={day}");
        var drop = driving.Locator($"[data-testid=drop-off][data-order-id='{orderId}']");
        for (var i = 0; i < 30 && await drop.Locator("[data-testid=dispatched]").CountAsync() == 0; i++)
        {
            await Task.Delay(2_000, ct);
            await driving.ReloadAsync();
        }
        await Expect(drop.GetByTestId("dispatched")).ToBeVisibleAsync();
        await Expect(drop.Locator("address")).ToContainTextAsync("12 Nguyễn Huệ");
        await ShoppingJourneyTests.Screenshot(driving, "staff-deliveries", "phone-vi");
        await drop.GetByTestId("dispatched").ClickAsync();
        await Expect(driving.GetByTestId("staff-done")).ToBeVisibleAsync();
        await Expect(drop.GetByTestId("delivered")).ToBeVisibleAsync();
        var toCollect = await drop.GetByTestId("cash").InputValueAsync();
        Assert.True(decimal.Parse(toCollect, CultureInfo.InvariantCulture) > 0);
        await ShoppingJourneyTests.Screenshot(driving, "staff-deliveries-out", "phone-vi");

        await using var driverDesktop = await NewContextAsync(Desktop, await driverPhone.StorageStateAsync(), english: true);
        var driverWide = await driverDesktop.NewPageAsync();
        await driverWide.GotoAsync($"/staff/deliveries?date={day}");
        await Expect(driverWide.Locator($"[data-testid=drop-off][data-order-id='{orderId}'] [data-testid=delivered]")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(driverWide, "staff-deliveries", "desktop-en");

        await drop.GetByTestId("delivered").ClickAsync();
        await Expect(drop.GetByTestId("drop-status")).ToHaveTextAsync("Đã giao");

        // The shopper's order page, open all along, follows without reloading: delivered, the milk replaced, the bananas' real weight on the receipt.
        await Expect(shopper.Locator(".status-delivered")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(shopper.Locator("[data-testid=line-change][data-change=Substituted]")).ToBeVisibleAsync();
        await Expect(shopper.GetByTestId("receipt")).ToContainTextAsync($"{Kg(heavier)} kg");
        await ShoppingJourneyTests.Screenshot(shopper, "order-after-picking", "phone-vi");
    }

    /// <summary>Bananas (weighed) and milk (counted, enough for the zone's minimum), delivered to a typed address, paid cash at the door.</summary>
    private static async Task<Guid> PlaceCashOnDeliveryOrderAsync(IPage page)
    {
        await page.GotoAsync("/");
        await ShoppingJourneyTests.ChooseAreaAsync(page, Postcode);
        await ShoppingJourneyTests.Register(page);

        await page.GotoAsync("/search?q=bananna");
        await page.Locator("[data-testid=product-card]:has(.stock.in_stock)").First.Locator(".add-to-basket button").ClickAsync();
        await Expect(page.GetByTestId("basket-count")).ToHaveTextAsync("1");
        await page.GotoAsync("/");
        await page.Locator(".category-name", new() { HasText = "Sữa & trứng" }).ClickAsync();
        // Milk, of which the store has several sizes to substitute from.
        await page.Locator(".chips a", new() { HasTextRegex = new Regex("^Sữa tươi$") }).ClickAsync();
        // Enhanced navigation changes the address before the content: the filters must be the aisle's, not the department's.
        await Expect(page.Locator("form.filters")).ToHaveAttributeAsync("action", "/c/sua-tuoi");
        await page.Locator(".filters input[name=inStock]").CheckAsync();
        await page.Locator(".filters button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("inStock=true"));
        await page.Locator("[data-testid=product-card]:has(.stock.in_stock) .card-link").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/p/"));
        await page.Locator("article.product .add-to-basket input[name=quantity]").FillAsync("3");
        await page.Locator("article.product .add-to-basket button").ClickAsync();
        await Expect(page.GetByTestId("basket-count")).ToHaveTextAsync("2");

        await page.GotoAsync("/basket");
        for (var i = 0; i < 10 && await page.Locator("a.button[href='/checkout/slot']").CountAsync() == 0; i++)
        {
            var counted = page.Locator("[data-testid=basket-line]:not(:has(.about))");
            var before = await counted.GetByTestId("quantity").TextContentAsync();
            await counted.Locator("form.step").Last.Locator("button").ClickAsync();
            await Expect(page.Locator("[data-testid=basket-line]:not(:has(.about))").GetByTestId("quantity")).Not.ToHaveTextAsync(before!);
        }
        await page.Locator("a.button[href='/checkout/slot']").ClickAsync();
        await Expect(page.Locator("[data-testid=slot-picker][data-interactive=true]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=slot]:not([disabled])").First.ClickAsync();
        await page.GetByTestId("to-checkout").ClickAsync();
        await page.WaitForURLAsync(new Regex("/checkout\\?hold="));
        await page.FillAsync("#newaddress-street", "12 Nguyễn Huệ");
        await page.FillAsync("#newaddress-district", "Quận 1");
        await page.FillAsync("#recipient-phone", "0901 234 567");
        await page.GetByTestId("place-order").ClickAsync();
        await page.WaitForURLAsync(new Regex("/orders/[0-9a-f-]{36}$"));
        await Expect(page.Locator(".status-confirmed")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        return Guid.Parse(new Uri(page.Url).Segments[^1]);
    }

    internal static async Task SignInAsync(IPage page, StaffAccounts.Account account, string returnUrl) =>
        await SignInAsync(page, account.Email, account.Password, returnUrl);

    internal static async Task SignInAsync(IPage page, string email, string password, string returnUrl)
    {
        await page.GotoAsync("/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.Locator(".account-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("form[action='/account/sign-out']")).ToBeVisibleAsync();
    }

    private async Task<IBrowserContext> NewContextAsync(ViewportSize viewport, string? storageState = null, bool english = false)
    {
        var context = await system.Browser.NewContextAsync(new()
        {
            ViewportSize = viewport, BaseURL = system.WebAddress.ToString(), HasTouch = viewport.Width < 600, StorageState = storageState,
        });
        if (english)
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = system.WebAddress.ToString() }]);
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>A weight as a Vietnamese picker types it.</summary>
    private static string Kg(decimal kg) => kg.ToString("0.###", CultureInfo.InvariantCulture).Replace('.', ',');
}
