using System.Globalization;
using Grocery.Web.Components.Shared;
using Grocery.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// A delivered order with a substitution, a removal, a receipt and a courier's tracking cannot be reached through the
/// running system without a whole fulfilment run, so the component's markup is rendered with bUnit and shown inside
/// the storefront's own page and styles, in a real browser, on a phone and a desktop.
/// </summary>
public sealed class OrderDetailInBrowserTests(StorefrontFixture system)
{
    private static readonly DateTimeOffset Placed = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("phone-vi", 390, 844, "vi")]
    [InlineData("desktop-en", 1366, 900, "en")]
    public async Task A_delivered_order_with_its_changes_receipt_and_tracking_fits_the_screen(string variant, int width, int height, string language)
    {
        SetDefaultExpectTimeout(30_000);
        var markup = Render(language);
        await using var context = await system.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = system.WebAddress.ToString() });
        // The storefront's own header in the same language as the order.
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = system.WebAddress.ToString() }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("html => { document.querySelector('main').innerHTML = html; window.scrollTo(0, 0); }", markup);

        await Expect(page.GetByTestId("receipt-total")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("line-change")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("tracking-event")).ToHaveCountAsync(3);
        // Nothing on the order runs off the side of a phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(StorefrontFixture.ScreenshotDirectory, $"order-detail-{variant}.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(StorefrontFixture.ScreenshotDirectory, $"order-detail-{variant}-full.png"), FullPage = true });
    }

    private static string Render(string language)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
        using var bunit = new BunitContext();
        bunit.Services.AddLocalization();
        var order = new Order(
            Guid.Parse("0193a1b2-0000-7000-8000-000000000001"), "Delivered", Placed, "CashOnDelivery",
            [
                new OrderItem(Guid.NewGuid(), "GR000101", "Chuối Cavendish", 1.0m, "kg", 32_000, 32_000, true, 0, SubstitutionPreference.AnySimilar, null, null),
                new OrderItem(Guid.NewGuid(), "GR020001", "Sữa tươi Vinamilk 1L", 2, "each", 38_500, 77_000, false, 8, SubstitutionPreference.AnySimilar, null, null),
                new OrderItem(Guid.NewGuid(), "GR030001", "Bánh mì sandwich", 1, "each", 25_000, 25_000, false, 8, SubstitutionPreference.None, null, null),
            ],
            134_000, [new VatLine(8, 102_000, 7_556)], 15_000, 149_000, true,
            new OrderSlot(Guid.NewGuid(), Placed.AddHours(9), Placed.AddHours(11)), new OrderSteps("Reserved", "Confirmed", "Authorized", null), null, false,
            [
                new("Placed", Placed, null), new("Confirmed", Placed.AddMinutes(1), null), new("Picking", Placed.AddHours(7), null),
                new("Packed", Placed.AddHours(8), null), new("OutForDelivery", Placed.AddHours(9.2), null), new("Delivered", Placed.AddHours(9.8), null),
            ],
            [
                new OrderLineChange("GR020001", "Sữa tươi Vinamilk 1L", "Substituted", 2, 2, "GR020002", "Sữa tươi TH True Milk 1L", null),
                new OrderLineChange("GR030001", "Bánh mì sandwich", "Removed", 1, 0, null, null, "Hết hàng, khách chọn không thay thế"),
            ],
            new OrderReceipt(
                [
                    new ReceiptLine("GR000101", "Chuối Cavendish", "kg", 1.0m, 1.12m, 1.12m, null, null, 32_000, 35_840, 0, "Picked", null),
                    new ReceiptLine("GR020001", "Sữa tươi Vinamilk 1L", "each", 2, 2, null, "GR020002", "Sữa tươi TH True Milk 1L", 38_500, 77_000, 8, "Substituted", null),
                    new ReceiptLine("GR030001", "Bánh mì sandwich", "each", 1, 0, null, null, null, 25_000, 0, 8, "Removed", null),
                ],
                112_840, [new VatLine(0, 35_840, 0), new VatLine(8, 77_000, 5_704)], 15_000, 127_840, "CashOnDelivery", 0, 127_840, 0));
        var shipment = new Shipment(Guid.NewGuid(), order.Id, "InHouse", null, "Delivered", order.Slot.WindowStart, order.Slot.WindowEnd,
        [
            new ShipmentEvent("Booked", Placed.AddHours(8.1), "Booked with the in-house fleet", "in-house"),
            new ShipmentEvent("Dispatched", Placed.AddHours(9.2), "Driver left the store", "in-house"),
            new ShipmentEvent("Delivered", Placed.AddHours(9.8), "Handed over", "in-house"),
        ]);
        return bunit.Render<OrderDetails>(p => p.Add(c => c.Order, order).Add(c => c.Shipment, shipment)).Markup;
    }
}
