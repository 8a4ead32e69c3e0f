using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Grocery.Web.Tests.Accessibility;
using static Microsoft.Playwright.Assertions;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// A new shopper on a phone, in Vietnamese, from the home page to a confirmed cash-on-delivery order; then
/// the shop with Delivery stopped. In that order: the second stops a service the first needs.
/// </summary>
[TestCaseOrderer(typeof(ByMethodName))]
public sealed class ShoppingJourneyTests(StorefrontFixture system)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };
    /// <summary>A product the shopper's dark store has: one it never received would fail the stock reservation.</summary>
    private const string InStockCard = "[data-testid=product-card]:has(.stock.in_stock)";

    [Fact]
    public async Task A_new_shopper_registers_searches_fills_a_basket_holds_a_slot_and_pays_cash_on_delivery()
    {
        SetDefaultExpectTimeout(30_000);
        await using var phone = await system.Browser.NewContextAsync(new() { ViewportSize = Phone, BaseURL = system.WebAddress.ToString(), HasTouch = true });
        var page = await phone.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var shots = new List<(string Name, string Url, string Ready)>();

        // Where we deliver decides whose stock is shown.
        await page.GotoAsync("/");
        await ChooseAreaAsync(page, "71000");
        await Shot(page, "home", shots, ".hero");

        // As a guest: a misspelt search still finds bananas (suggested as they type), which are weighed.
        await page.Locator("#search-box").PressSequentiallyAsync("bananna");
        await Expect(page.GetByTestId("suggestion").First).ToBeVisibleAsync();
        await page.PressAsync("#search-box", "Enter");
        await page.WaitForURLAsync(new Regex("/search\\?q=bananna"));
        await Expect(page.GetByTestId("product-card").First).ToBeVisibleAsync();
        await Screenshot(page, "search", "phone-vi");
        await page.Locator(InStockCard).First.Locator(".add-to-basket button").ClickAsync();
        await page.WaitForURLAsync(new Regex("[?&]basket=updated"));
        await Expect(page.GetByTestId("basket-count")).ToHaveTextAsync("1");

        // Register; the guest basket moves into the account and the session cookie carries the shopper from here on.
        await Register(page, screenshot: true);
        await Expect(page.GetByTestId("basket-count")).ToHaveTextAsync("1");

        // A category, sorted by price and filtered to what the shopper's store has, and a product sold by the piece.
        await page.GotoAsync("/");
        await page.Locator(".category-name", new() { HasText = "Sữa & trứng" }).ClickAsync();
        await page.SelectOptionAsync("#sort", "price");
        await page.Locator(".filters input[name=inStock]").CheckAsync();
        await page.Locator(".filters button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("sort=price.*inStock=true"));
        await Shot(page, "category", shots, ".filters");
        await page.Locator(InStockCard + " .card-link").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/p/"));
        await Shot(page, "product", shots, "article.product");
        await page.Locator(".add-to-basket input[name=quantity]").FillAsync("3");
        await page.Locator(".add-to-basket button").ClickAsync();
        await Expect(page.GetByTestId("basket-count")).ToHaveTextAsync("2");

        // The basket: the weighed line is an estimate; more milk until the zone's minimum order is reached.
        await page.GotoAsync("/basket");
        await Expect(page.GetByTestId("basket-line")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=basket-line] .about")).ToHaveCountAsync(1);
        for (var i = 0; i < 10 && await page.Locator("a.button[href='/checkout/slot']").CountAsync() == 0; i++)
        {
            var counted = page.Locator("[data-testid=basket-line]:not(:has(.about))");
            var before = await counted.GetByTestId("quantity").TextContentAsync();
            await counted.Locator("form.step").Last.Locator("button").ClickAsync();
            await Expect(page.Locator("[data-testid=basket-line]:not(:has(.about))").GetByTestId("quantity")).Not.ToHaveTextAsync(before!);
        }
        await Shot(page, "basket", shots, "[data-testid=minimum]");

        // The slot picker: hold a window and see the countdown.
        await page.Locator("a.button[href='/checkout/slot']").ClickAsync();
        await Expect(page.Locator("[data-testid=slot-picker][data-interactive=true]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=slot]:not([disabled])").First.ClickAsync();
        await Expect(page.GetByTestId("countdown")).ToHaveTextAsync(new Regex("^[0-5]\\d:\\d\\d$"));
        await Shot(page, "slot-picker", shots, "[data-testid=hold]");

        await page.GetByTestId("to-checkout").ClickAsync();
        await page.WaitForURLAsync(new Regex("/checkout\\?hold="));
        await Expect(page.GetByTestId("checkout-slot")).ToBeVisibleAsync();
        await Shot(page, "checkout", shots, "[data-testid=checkout-slot]");

        // The same pages on a desktop, in English, for the same shopper.
        await using var desktop = await system.Browser.NewContextAsync(new()
        {
            ViewportSize = Desktop, BaseURL = system.WebAddress.ToString(), StorageState = await phone.StorageStateAsync(),
        });
        await desktop.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = system.WebAddress.ToString() }]);
        var wide = await desktop.NewPageAsync();
        wide.SetDefaultTimeout(30_000);
        var axe = new AxeReport();
        foreach (var (name, url, ready) in shots)
        {
            await wide.GotoAsync(url);
            // The desktop does not hold a slot of its own: that would release the phone's hold.
            await Expect(wide.Locator(name == "slot-picker" ? "[data-testid=slot-picker][data-interactive=true]" : ready)).ToBeVisibleAsync();
            await Screenshot(wide, name, "desktop-en");
            await axe.ScanAsync(wide, name);
        }
        axe.AssertClean();

        // A first order: no saved address yet, so the shopper types one (the postcode comes from the area) and keeps it.
        await Expect(page.Locator("input[name='NewAddress.PostalCode']")).ToHaveValueAsync("71000");
        await page.FillAsync("#newaddress-street", "12 Nguyễn Huệ");
        await page.FillAsync("#newaddress-district", "Quận 1");
        await Expect(page.Locator("#recipient-name")).ToHaveValueAsync("Lan Nguyễn");
        await page.FillAsync("#recipient-phone", "0901 234 567");
        await Expect(page.Locator("input[name=saveAddress]")).ToBeCheckedAsync();
        await Screenshot(page, "checkout-address", "phone-vi");

        // Cash on delivery: the order is confirmed once stock and the slot are secured.
        await page.GetByTestId("place-order").ClickAsync();
        await page.WaitForURLAsync(new Regex("/orders/[0-9a-f-]{36}$"));
        await Expect(page.Locator(".status-confirmed")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("timeline-entry").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order")).ToBeVisibleAsync();
        await Screenshot(page, "order", "phone-vi");
        await wide.GotoAsync(new Uri(page.Url).PathAndQuery);
        await Expect(wide.Locator(".status-confirmed")).ToBeVisibleAsync();
        await Screenshot(wide, "order", "desktop-en");

        // The order is in the shopper's history.
        await page.Locator("header a[href='/orders']").ClickAsync();
        await Expect(page.GetByTestId("order-link")).ToHaveCountAsync(1);
        await Screenshot(page, "orders", "phone-vi");

        // The notifier tells the shopper in the app too: the confirmation arrives shortly, unread, linking to the order.
        await WaitForNotificationAsync(page);
        var confirmed = page.GetByTestId("notification").First;
        await Expect(confirmed).ToHaveAttributeAsync("data-read", "false");
        await Expect(confirmed.GetByTestId("notification-order")).ToHaveAttributeAsync("href", new Regex("^/orders/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("unread-count")).ToHaveTextAsync("1");
        await Screenshot(page, "notifications", "phone-vi");
        await wide.GotoAsync("/account/notifications");
        await Expect(wide.GetByTestId("notification")).ToHaveCountAsync(1);
        await Screenshot(wide, "notifications", "desktop-en");
        await confirmed.Locator("form[data-testid=mark-read] button").ClickAsync();
        await Expect(page.GetByTestId("notification").First).ToHaveAttributeAsync("data-read", "true");
        await Expect(page.GetByTestId("unread-count")).ToHaveCountAsync(0);
        // Email for delivery progress off; the app still shows every kind.
        await wide.Locator("input[data-kind=outForDelivery]").UncheckAsync();
        await wide.Locator("[data-testid=email-preferences] button[type=submit]").ClickAsync();
        await Expect(wide.GetByTestId("notifications-notice")).ToBeVisibleAsync();
        await Expect(wide.Locator("input[data-kind=outForDelivery]")).Not.ToBeCheckedAsync();
        await Expect(wide.Locator("input[data-kind=orderConfirmed]")).ToBeCheckedAsync();

        // The checkout's address was saved to the account; a second one becomes the default.
        await page.Locator("a[href='/account/addresses']").ClickAsync();
        await Expect(page.GetByTestId("saved-address")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("saved-address")).ToContainTextAsync("12 Nguyễn Huệ");
        await page.FillAsync("#input-label", "Công ty");
        await page.FillAsync("#input-street", "99 Nguyễn Thị Thập");
        await page.FillAsync("#input-district", "Quận 7");
        await page.Locator("[data-testid=address-form] button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("saved-address")).ToHaveCountAsync(2);
        await page.Locator("[data-testid=saved-address]", new() { HasText = "Công ty" }).Locator("form[action$='/default'] button").ClickAsync();
        await Expect(page.GetByTestId("address-notice")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=saved-address]:has([data-testid=default-address])")).ToContainTextAsync("Công ty");
        await Screenshot(page, "addresses", "phone-vi");
        await wide.GotoAsync("/account/addresses");
        await Expect(wide.GetByTestId("saved-address")).ToHaveCountAsync(2);
        await Screenshot(wide, "addresses", "desktop-en");
        await wide.Locator("[data-testid=saved-address]", new() { HasText = "Công ty" }).Locator("a[href^='/account/addresses/']").ClickAsync();
        await Expect(wide.Locator("#input-street")).ToHaveValueAsync("99 Nguyễn Thị Thập");
        await Screenshot(wide, "address-edit", "desktop-en");
        await wide.GotoAsync("/orders");
        await Expect(wide.GetByTestId("order-link")).ToHaveCountAsync(1);
        await Screenshot(wide, "orders", "desktop-en");
    }

    [Fact]
    public async Task With_Delivery_stopped_the_catalog_pages_still_render_and_the_slot_picker_says_slots_are_unavailable()
    {
        SetDefaultExpectTimeout(30_000);
        await using var context = await system.Browser.NewContextAsync(new() { ViewportSize = Phone, BaseURL = system.WebAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        await ChooseAreaAsync(page, "Quận 7");
        await Register(page);
        var missing = await page.GotoAsync("/p/no-such-product");
        Assert.Equal(404, missing!.Status);
        await Expect(page.Locator("section.friendly h1")).ToBeVisibleAsync();

        await system.App.StopResourceAsync(ResourceNames.Delivery, Xunit.TestContext.Current.CancellationToken);
        try
        {
            await page.GotoAsync("/");
            await Expect(page.Locator(".categories")).ToBeVisibleAsync();
            await page.Locator("[data-testid=product-card] .card-link").First.ClickAsync();
            await Expect(page.Locator("article.product")).ToBeVisibleAsync();

            await page.GotoAsync("/checkout/slot");
            // Once the picker is interactive it asks Delivery again, and says so again.
            await Expect(page.Locator("[data-testid=slot-picker][data-interactive=true] [data-testid=slots-unavailable]")).ToBeVisibleAsync();
            await Screenshot(page, "slot-picker-delivery-down", "phone-vi");
        }
        finally
        {
            await system.App.StartResourceAsync(ResourceNames.Delivery, CancellationToken.None);
        }
    }

    /// <summary>Where the shopper wants delivery, typed in the header's area form as a postcode or district.</summary>
    internal static async Task ChooseAreaAsync(IPage page, string area)
    {
        await page.FillAsync("#area-input", area);
        await page.Locator(".area-form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByTestId("delivery-area")).ToHaveTextAsync(area);
    }

    internal static async Task Register(IPage page, bool screenshot = false)
    {
        await page.Locator("a[href^='/account/sign-in']").First.ClickAsync();
        await page.Locator("a[href^='/account/register']").ClickAsync();
        await page.FillAsync("#name", "Lan Nguyễn");
        await page.FillAsync("#email", $"lan.{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#password", "rau-cu-tuoi-2026");
        if (screenshot) await Screenshot(page, "register", "phone-vi");
        await page.Locator(".account-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("form[action='/account/sign-out']")).ToBeVisibleAsync();
    }

    /// <summary>Waits for what the page is about (enhanced navigation changes the address before the content), then saves it.</summary>
    private static async Task Shot(IPage page, string name, List<(string, string, string)> shots, string ready)
    {
        await Expect(page.Locator(ready).First).ToBeVisibleAsync();
        shots.Add((name, new Uri(page.Url).PathAndQuery, ready));
        await Screenshot(page, name, "phone-vi");
    }

    /// <summary>What the shopper sees first, and the whole page.</summary>
    /// <summary>The notifier hears of the order over Kafka, so the page is reloaded until its first notification is there.</summary>
    private static async Task WaitForNotificationAsync(IPage page)
    {
        var until = DateTime.UtcNow.AddSeconds(45);
        await page.GotoAsync("/account/notifications");
        while (await page.GetByTestId("notification").CountAsync() == 0 && DateTime.UtcNow < until)
        {
            await page.WaitForTimeoutAsync(1_000);
            await page.ReloadAsync();
        }
        await Expect(page.GetByTestId("notification")).ToHaveCountAsync(1);
    }

    internal static async Task Screenshot(IPage page, string name, string variant)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(StorefrontFixture.ScreenshotDirectory, $"{name}-{variant}.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(StorefrontFixture.ScreenshotDirectory, $"{name}-{variant}-full.png"), FullPage = true });
    }
}
