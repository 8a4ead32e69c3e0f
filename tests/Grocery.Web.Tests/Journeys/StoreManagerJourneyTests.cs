using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Grocery.Web.Tests.Accessibility;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// A store manager's day in the browser: writing off the last units of a product empties it on a shopper's open
/// product page; receiving a lot by its barcode fills it again there, without the shopper reloading; a price change
/// reaches the product page; a CSV import with a wrong line shows that line's error and imports nothing until fixed.
/// </summary>
public sealed class StoreManagerJourneyTests(StorefrontFixture system)
{
    private const string Postcode = "71000";
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    [Fact]
    public async Task A_manager_writes_off_the_last_units_and_receives_a_lot_by_barcode_and_an_open_product_page_follows_then_changes_a_price_and_imports_a_catalog()
    {
        SetDefaultExpectTimeout(30_000);
        var ct = Xunit.TestContext.Current.CancellationToken;
        var warehouse = await StaffAccounts.WarehouseServingAsync(system, Postcode, ct);
        var manager = await StaffAccounts.CreateAsync(system, "manager", GroceryRoles.StoreManager, warehouse, ct);
        var product = await InStockProductAsync(warehouse, ct);
        using var inventory = await StaffAccounts.AdminClientAsync(system, ResourceNames.Inventory, ct);
        var available = await AvailableAsync(inventory, product.Sku, warehouse, ct);
        Assert.True(available > 0, $"{product.Sku} is listed in stock but Inventory has {available}");

        // The shopper has the product's page open on their phone.
        await using var shopperPhone = await NewContextAsync(Phone);
        var shopper = await shopperPhone.NewPageAsync();
        await shopper.GotoAsync("/");
        await ShoppingJourneyTests.ChooseAreaAsync(shopper, Postcode);
        await shopper.GotoAsync($"/p/{product.Slug}");
        var stock = shopper.Locator("[data-testid=live-stock][data-interactive=true] [data-testid=stock]");
        await Expect(stock).ToHaveClassAsync(new Regex("in_stock|low_stock"));
        await shopper.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        // The manager writes off what is left: the shelf's last units are damaged.
        await using var managerPhone = await NewContextAsync(Phone);
        var page = await managerPhone.NewPageAsync();
        await StaffJourneyTests.SignInAsync(page, manager, "/staff/stock");
        await Expect(page.GetByTestId("stock-change")).ToBeVisibleAsync();
        await page.GetByTestId("kind-write-off").CheckAsync();
        await page.GetByTestId("change-sku").FillAsync(product.Sku);
        // Typed as the Vietnamese page writes it: Inventory's "66.000" would be refused there, "." groups thousands.
        await page.GetByTestId("change-quantity").FillAsync(Grocery.Web.Staff.Amounts.Stock(available, new CultureInfo("vi")));
        await page.GetByTestId("change-reason").FillAsync("Hàng bị dập");
        await page.GetByTestId("change-submit").ClickAsync();
        await Expect(page.GetByTestId("staff-done")).ToContainTextAsync(product.Sku);
        await Expect(stock).ToHaveClassAsync(new Regex("out_of_stock"));
        // The low-stock list names its products, read from Catalog in one batch by SKU through the gateway.
        await Expect(page.Locator("[data-testid=low-stock-item] .name").First).ToBeVisibleAsync();
        await Expect(page.Locator(".site-footer")).ToHaveCountAsync(0);
        await ShoppingJourneyTests.Screenshot(page, "manager-stock", "phone-vi");

        // A delivery comes in: the manager scans the barcode and receives a lot with its best-before.
        await page.GotoAsync("/staff/receiving");
        await Expect(page.GetByTestId("scan")).ToBeFocusedAsync();
        await page.GetByTestId("scan").FillAsync(product.Gtin);
        await page.GetByTestId("scan").PressAsync("Enter");
        await Expect(page.GetByTestId("receive-product")).ToHaveAttributeAsync("data-sku", product.Sku);
        var bestBefore = DateOnly.FromDateTime(Money.InStore(DateTimeOffset.UtcNow).DateTime).AddDays(12);
        await page.GetByTestId("receive-best-before").FillAsync(bestBefore.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByTestId("receive-lot").FillAsync("L-MGR-1");
        // "1.000" is a thousand to a Vietnamese manager and one to a scale: refused, not guessed, before anything is received.
        await page.GetByTestId("receive-quantity").FillAsync("1.000");
        await page.GetByTestId("receive").ClickAsync();
        await Expect(page.GetByTestId("receive-error")).ToContainTextAsync("1000 hoặc 2,5");
        await ShoppingJourneyTests.Screenshot(page, "manager-receiving-refused", "phone-vi");
        await page.GetByTestId("receive-quantity").FillAsync("12");
        await ShoppingJourneyTests.Screenshot(page, "manager-receiving", "phone-vi");
        var axe = new AxeReport();
        await axe.ScanAsync(page, "receiving, a product scanned (phone, vi)");
        await page.GetByTestId("receive").ClickAsync();
        await Expect(page.Locator($"[data-testid=received-line][data-sku='{product.Sku}']")).ToContainTextAsync(Money.Date(bestBefore, new CultureInfo("vi")));
        await Expect(page.GetByTestId("scan")).ToBeFocusedAsync();
        await ShoppingJourneyTests.Screenshot(page, "manager-received", "phone-vi");
        await axe.ScanAsync(page, "receiving, a lot received (phone, vi)");

        // The shopper's page, never reloaded, shows the product back in stock.
        await Expect(stock).ToHaveClassAsync(new Regex("in_stock|low_stock"));
        Assert.True(await shopper.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        Assert.Equal(12, await AvailableAsync(inventory, product.Sku, warehouse, ct));
        var lots = await inventory.GetFromJsonAsync<JsonElement>($"/api/v1/stock/{Uri.EscapeDataString(product.Sku)}", ct);
        Assert.Contains(lots.GetProperty("warehouses").EnumerateArray().Single(w => w.GetProperty("warehouseId").GetGuid() == warehouse)
            .GetProperty("lots").EnumerateArray(), l => l.GetProperty("lotCode").GetString() == "L-MGR-1"
                && l.GetProperty("bestBefore").GetString() == bestBefore.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // A new price, found by SKU, reaches the product page.
        var newPrice = product.Price + 1_000m;
        await page.GotoAsync($"/staff/prices?q={Uri.EscapeDataString(product.Sku)}");
        var row = page.Locator($"[data-testid=price-product][data-sku='{product.Sku}']");
        await row.GetByTestId("new-price").FillAsync(newPrice.ToString("0", CultureInfo.InvariantCulture));
        await row.GetByTestId("save-price").ClickAsync();
        await Expect(page.GetByTestId("staff-done")).ToContainTextAsync(product.Sku);
        await ShoppingJourneyTests.Screenshot(page, "manager-prices", "phone-vi");
        var priceShown = Money.Format(newPrice, new CultureInfo("vi"));
        for (var i = 0; i < 20 && await shopper.GetByTestId("price").TextContentAsync() != priceShown; i++)
        {
            await shopper.ReloadAsync();
            if (await shopper.GetByTestId("price").TextContentAsync() != priceShown) await Task.Delay(1_500, ct);
        }
        await Expect(shopper.GetByTestId("price")).ToHaveTextAsync(priceShown);

        // A CSV with one wrong line: that line's error is shown and nothing is imported; fixed, it goes in.
        var category = await CategoryPathAsync(ct);
        var (good, bad) = ($"MGR-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), $"MGR-{Guid.NewGuid():N}"[..16].ToUpperInvariant());
        string Csv(string badPrice) => "sku,gtin,name,brand,category_path,sold_by,unit,net_content,price,tax_class,storage\n"
            + $"{good},{Ean13()},Bánh quy thử {good},Nhà Làm,{category},each,pcs,1,15000,8,ambient\n"
            + $"{bad},{Ean13()},Bánh gạo thử {bad},Nhà Làm,{category},each,pcs,1,{badPrice},8,ambient\n";
        await page.GotoAsync("/staff/catalog-import");
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "products.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv("mười nghìn")) });
        await page.GetByTestId("import").ClickAsync();
        await Expect(page.GetByTestId("import-line-error")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("import-line-error")).ToHaveAttributeAsync("data-line", "3");
        await Expect(page.GetByTestId("import-line-error")).ToContainTextAsync("price");
        await ShoppingJourneyTests.Screenshot(page, "manager-catalog-import", "phone-vi");
        using (var catalog = system.App.CreateHttpClient(ResourceNames.Catalog))
        {
            var found = await catalog.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={good}", ct);
            Assert.DoesNotContain(found.GetProperty("items").EnumerateArray(), p => p.GetProperty("sku").GetString() == good);
        }
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "products.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv("16000")) });
        await page.GetByTestId("import").ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("2");

        await page.GotoAsync("/staff/slots");
        await Expect(page.GetByTestId("slot").First).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(page, "manager-slots", "phone-vi");
        await page.GotoAsync("/staff");
        await ShoppingJourneyTests.Screenshot(page, "manager-home", "phone-vi");

        // The same pages on the office computer, in English.
        await using var managerDesktop = await NewContextAsync(Desktop, await managerPhone.StorageStateAsync(), english: true);
        var wide = await managerDesktop.NewPageAsync();
        await wide.GotoAsync("/staff/receiving");
        await wide.GetByTestId("scan").FillAsync(product.Gtin);
        await wide.GetByTestId("scan").PressAsync("Enter");
        await Expect(wide.GetByTestId("receive-product")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(wide, "manager-receiving", "desktop-en");
        await axe.ScanAsync(wide, "receiving, a product scanned (desktop, en)");
        await wide.GotoAsync("/staff/stock?days=14");
        await Expect(wide.GetByTestId("stock-change")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(wide, "manager-stock", "desktop-en");
        await axe.ScanAsync(wide, "stock (desktop, en)");
        await wide.GotoAsync("/staff/slots");
        await Expect(wide.GetByTestId("slot").First).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(wide, "manager-slots", "desktop-en");
        await wide.GotoAsync($"/staff/prices?q={Uri.EscapeDataString(product.Name)}");
        await Expect(wide.GetByTestId("price-product").First).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(wide, "manager-prices", "desktop-en");
        await wide.GotoAsync("/staff/catalog-import");
        await wide.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "products.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv("abc")) });
        await wide.GetByTestId("import").ClickAsync();
        await Expect(wide.GetByTestId("import-line-error").First).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(wide, "manager-catalog-import", "desktop-en");
        axe.AssertClean();
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

    /// <summary>A product sold by the piece that the warehouse has, from an aisle the other journeys do not take theirs from.</summary>
    private async Task<ProductDetail> InStockProductAsync(Guid warehouse, CancellationToken ct)
    {
        using var catalog = system.App.CreateHttpClient(ResourceNames.Catalog);
        var categories = await catalog.GetFromJsonAsync<List<CategorySummary>>("/api/v1/categories", ct) ?? [];
        var leaves = categories.Where(c => c.Name != "Sữa & trứng").SelectMany(c => c.Children.Count == 0 ? [c] : c.Children).ToList();
        foreach (var leaf in leaves.Skip(leaves.Count / 3))
        {
            var listing = await catalog.GetFromJsonAsync<ProductPage>(
                $"/api/v1/products?category={Uri.EscapeDataString(leaf.Slug)}&warehouse={warehouse}&inStock=true&limit=24", ct);
            if (listing?.Items.FirstOrDefault(p => !p.SoldByWeight && p.Availability == "in_stock") is { } product)
                return (await catalog.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{product.Slug}", ct))!;
        }
        throw new InvalidOperationException($"No product is in stock at warehouse {warehouse}.");
    }

    /// <summary>An existing "Top > Sub" category, so the import adds no aisle to the storefront.</summary>
    private async Task<string> CategoryPathAsync(CancellationToken ct)
    {
        using var catalog = system.App.CreateHttpClient(ResourceNames.Catalog);
        var categories = await catalog.GetFromJsonAsync<List<CategorySummary>>("/api/v1/categories", ct) ?? [];
        var top = categories.First(c => c.Children.Count > 0);
        return $"{top.Name} > {top.Children[0].Name}";
    }

    private static async Task<decimal> AvailableAsync(HttpClient inventory, string sku, Guid warehouse, CancellationToken ct)
    {
        var stock = await inventory.GetFromJsonAsync<JsonElement>($"/api/v1/stock/{Uri.EscapeDataString(sku)}", ct);
        var here = stock.GetProperty("warehouses").EnumerateArray().Single(w => w.GetProperty("warehouseId").GetGuid() == warehouse);
        return decimal.Parse(here.GetProperty("available").GetRawText(), CultureInfo.InvariantCulture);
    }

    /// <summary>A GTIN in the 200–299 in-store range (never a sample product's) with its EAN-13 check digit.</summary>
    private static string Ean13()
    {
        var digits = "2" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture);
        var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return digits + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
