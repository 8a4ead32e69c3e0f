using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using Grocery.Web.Services;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Grocery.Web.Tests.Journeys;

/// <summary>A shopper's open product page hears the product run out, pushed by the storefront from Inventory's stock events.</summary>
public sealed class LiveStockJourneyTests(StorefrontFixture system)
{
    private const string Postcode = "71000";
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_product_page_left_open_shows_the_product_going_out_of_stock_without_reloading()
    {
        SetDefaultExpectTimeout(30_000);
        var ct = Xunit.TestContext.Current.CancellationToken;
        var warehouse = await StaffAccounts.WarehouseServingAsync(system, Postcode, ct);
        var product = await InStockProductAsync(warehouse, ct);
        using var inventory = await StaffAccounts.AdminClientAsync(system, ResourceNames.Inventory, ct);
        var available = await AvailableAsync(inventory, product.Sku, warehouse, ct);
        Assert.True(available > 0, $"{product.Sku} is listed in stock but Inventory has {available}");

        await using var shopper = await system.Browser.NewContextAsync(new() { ViewportSize = Phone, BaseURL = system.WebAddress.ToString(), HasTouch = true });
        var page = await shopper.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        await ShoppingJourneyTests.ChooseAreaAsync(page, Postcode);
        await page.GotoAsync($"/p/{product.Slug}");
        var stock = page.Locator("[data-testid=live-stock][data-interactive=true] [data-testid=stock]");
        await Expect(stock).ToHaveClassAsync(new Regex("in_stock|low_stock"));
        var addToBasket = page.Locator("article.product .add-to-basket button[type=submit]");
        await Expect(addToBasket).ToBeEnabledAsync();
        // A reload would lose this; and the page notes when the badge turns, which Playwright's polling would blur.
        await page.EvaluateAsync("""
            () => {
                window.stillTheSamePage = true;
                const island = document.querySelector('[data-testid=live-stock]');
                new MutationObserver(() => {
                    if (!window.outOfStockAt && island.querySelector('.stock.out_of_stock')) window.outOfStockAt = Date.now();
                }).observe(island, { subtree: true, childList: true, attributes: true, characterData: true });
            }
            """);

        try
        {
            var writtenOffAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var writeOff = await inventory.PostAsJsonAsync("/api/v1/stock/write-offs", new
            {
                warehouseId = warehouse,
                reason = "Live stock journey: the shelf is emptied",
                lines = new[] { new { sku = product.Sku, quantity = available } },
            }, ct);
            Assert.True(writeOff.IsSuccessStatusCode, $"Write-off: {(int)writeOff.StatusCode} {await writeOff.Content.ReadAsStringAsync(ct)}");

            await Expect(stock).ToHaveClassAsync(new Regex("out_of_stock"), new() { Timeout = 15_000 });
            await Expect(addToBasket).ToBeDisabledAsync();
            await Expect(stock).ToHaveTextAsync("Hết hàng");
            Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
            var delay = await page.EvaluateAsync<long>("() => window.outOfStockAt") - writtenOffAt;
            Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"Out of stock shown {delay} ms after the write-off was sent.");
            await ShoppingJourneyTests.Screenshot(page, "live-stock-out", "phone-vi");
        }
        finally
        {
            // Later journeys may want the product: put the stock back.
            using var restock = await inventory.PostAsJsonAsync("/api/v1/stock/adjustments", new
            {
                warehouseId = warehouse,
                reason = "Live stock journey: stock put back",
                lines = new[] { new { sku = product.Sku, quantity = available } },
            }, CancellationToken.None);
        }
    }

    /// <summary>A product sold by the piece that the warehouse has, from an aisle the shopping journey does not use.</summary>
    private async Task<ProductSummary> InStockProductAsync(Guid warehouse, CancellationToken ct)
    {
        using var catalog = system.App.CreateHttpClient(ResourceNames.Catalog);
        var categories = await catalog.GetFromJsonAsync<List<CategorySummary>>("/api/v1/categories", ct) ?? [];
        var leaves = categories.SelectMany(c => c.Children.Count == 0 ? [c] : c.Children).Reverse();
        foreach (var leaf in leaves)
        {
            var listing = await catalog.GetFromJsonAsync<ProductPage>(
                $"/api/v1/products?category={Uri.EscapeDataString(leaf.Slug)}&warehouse={warehouse}&inStock=true&limit=24", ct);
            if (listing?.Items.LastOrDefault(p => !p.SoldByWeight && p.Availability == "in_stock") is { } product) return product;
        }
        throw new InvalidOperationException($"No product is in stock at warehouse {warehouse}.");
    }

    private static async Task<decimal> AvailableAsync(HttpClient inventory, string sku, Guid warehouse, CancellationToken ct)
    {
        var stock = await inventory.GetFromJsonAsync<JsonElement>($"/api/v1/stock/{Uri.EscapeDataString(sku)}", ct);
        var here = stock.GetProperty("warehouses").EnumerateArray().Single(w => w.GetProperty("warehouseId").GetGuid() == warehouse);
        return decimal.Parse(here.GetProperty("available").GetRawText(), CultureInfo.InvariantCulture);
    }
}
