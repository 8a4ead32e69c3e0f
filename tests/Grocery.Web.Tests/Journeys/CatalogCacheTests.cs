using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using Grocery.Web.Services;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// Anonymous catalog pages come from the output cache (the cache answers with an Age header), per language and
/// delivery area; signed-in shoppers never do; a cached page's live island and forms still work.
/// </summary>
public sealed class CatalogCacheTests(StorefrontFixture system)
{
    private const string Postcode = "71000";
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_second_anonymous_request_for_a_category_page_is_served_from_the_cache_and_another_language_gets_its_own_page()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        using var web = AnonymousClient();
        // A query of its own: an earlier test may have cached the plain address.
        var url = $"/c/{await CategorySlugAsync(ct)}?sort=price&probe={Guid.NewGuid():N}";

        using var first = await web.GetAsync(url, ct);
        using var second = await web.GetAsync(url, ct);
        using var english = await GetAsync(web, url, ".AspNetCore.Culture=" + Uri.EscapeDataString("c=en|uic=en"), ct);
        using var englishAgain = await GetAsync(web, url, ".AspNetCore.Culture=" + Uri.EscapeDataString("c=en|uic=en"), ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Age.HasValue, "the first request renders the page");
        Assert.False(first.Headers.Contains("Set-Cookie"), "a cacheable page sets no cookie");
        Assert.True(second.Headers.Age.HasValue, "the second request is answered by the cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await second.Content.ReadAsStringAsync(ct));
        Assert.False(english.Headers.Age.HasValue, "another language is another page");
        Assert.Contains("<html lang=\"en\"", await english.Content.ReadAsStringAsync(ct));
        Assert.Contains("<html lang=\"vi\"", await first.Content.ReadAsStringAsync(ct));
        Assert.True(englishAgain.Headers.Age.HasValue);
    }

    [Fact]
    public async Task A_different_delivery_area_gets_its_own_page()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        using var web = AnonymousClient();
        var area = await AreaCookieAsync(web, Postcode, ct);
        var url = $"/?probe={Guid.NewGuid():N}";

        using var nowhere = await web.GetAsync(url, ct);
        using var here = await GetAsync(web, url, area, ct);
        using var hereAgain = await GetAsync(web, url, area, ct);

        Assert.False(here.Headers.Age.HasValue, "an area is a page of its own");
        // The element also carries its scoped-CSS attribute.
        Assert.Matches($"data-testid=\"delivery-area\"[^>]*>{Postcode}<", await here.Content.ReadAsStringAsync(ct));
        Assert.DoesNotContain("data-testid=\"delivery-area\"", await nowhere.Content.ReadAsStringAsync(ct));
        Assert.True(hereAgain.Headers.Age.HasValue);
    }

    [Fact]
    public async Task A_signed_in_shopper_is_never_served_a_cached_page()
    {
        SetDefaultExpectTimeout(30_000);
        var ct = Xunit.TestContext.Current.CancellationToken;
        var url = $"/c/{await CategorySlugAsync(ct)}?probe={Guid.NewGuid():N}";
        await using var context = await system.Browser.NewContextAsync(new() { ViewportSize = Phone, BaseURL = system.WebAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        await ShoppingJourneyTests.Register(page);

        var first = await page.GotoAsync(url);
        var second = await page.GotoAsync(url);

        Assert.False(first!.Headers.ContainsKey("age"));
        Assert.False(second!.Headers.ContainsKey("age"), "a signed-in shopper's page is rendered for them");
        await Expect(page.Locator("form[action='/account/sign-out']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_product_page_served_from_the_cache_still_comes_alive_and_its_form_adds_to_the_basket()
    {
        SetDefaultExpectTimeout(30_000);
        var ct = Xunit.TestContext.Current.CancellationToken;
        var url = $"/p/{(await InStockProductAsync(ct)).Slug}?probe={Guid.NewGuid():N}";

        await using var first = await ShopperInAreaAsync();
        var warm = await first.Pages[0].GotoAsync(url);
        Assert.False(warm!.Headers.ContainsKey("age"));

        await using var second = await ShopperInAreaAsync();
        var page = second.Pages[0];
        var cached = await page.GotoAsync(url);
        Assert.True(cached!.Headers.ContainsKey("age"), "the second shopper is served the first one's page from the cache");
        await Expect(page.Locator("[data-testid=live-stock][data-interactive=true]")).ToBeVisibleAsync();
        // The page's antiforgery token was made for nobody; the same-origin post is what lets it through.
        await page.Locator("article.product .add-to-basket button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("basket-count")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task A_page_rendered_while_the_catalog_was_down_is_not_served_from_the_cache_once_it_is_back()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        using var web = AnonymousClient();
        var url = $"/c/{await CategorySlugAsync(ct)}?probe={Guid.NewGuid():N}";
        await system.App.StopResourceAsync(ResourceNames.Catalog, ct);
        try
        {
            using var down = await web.GetAsync(url, ct);
            Assert.Contains("role=\"alert\"", await down.Content.ReadAsStringAsync(ct));
        }
        finally
        {
            await system.App.StartResourceAsync(ResourceNames.Catalog, CancellationToken.None);
        }
        using var back = await web.GetAsync(url, ct);

        Assert.False(back.Headers.Age.HasValue, "the outage page was not kept");
        Assert.Contains("data-testid=\"product-card\"", await back.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task A_form_post_from_another_site_without_a_token_is_refused()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        using var web = AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/language")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await web.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private HttpClient AnonymousClient() =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = system.WebAddress };

    private static async Task<HttpResponseMessage> GetAsync(HttpClient web, string url, string cookie, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await web.SendAsync(request, ct);
    }

    /// <summary>The area cookie as the storefront writes it, from the area form posted as a browser on this site would.</summary>
    private static async Task<string> AreaCookieAsync(HttpClient web, string area, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/delivery-area")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["area"] = area, ["returnUrl"] = "/" }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await web.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("grocery.area=", StringComparison.Ordinal)).Split(';')[0];
    }

    private async Task<IBrowserContext> ShopperInAreaAsync()
    {
        var context = await system.Browser.NewContextAsync(new() { ViewportSize = Phone, BaseURL = system.WebAddress.ToString(), HasTouch = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        await ShoppingJourneyTests.ChooseAreaAsync(page, Postcode);
        return context;
    }

    private async Task<string> CategorySlugAsync(CancellationToken ct)
    {
        using var catalog = system.App.CreateHttpClient(ResourceNames.Catalog);
        var categories = await catalog.GetFromJsonAsync<List<CategorySummary>>("/api/v1/categories", ct) ?? [];
        return categories.First(c => c.ProductCount > 0).Slug;
    }

    /// <summary>A product sold by the piece that the area's warehouse has, from the first aisles (the live stock journey empties one from the last).</summary>
    private async Task<ProductSummary> InStockProductAsync(CancellationToken ct)
    {
        var warehouse = await StaffAccounts.WarehouseServingAsync(system, Postcode, ct);
        using var catalog = system.App.CreateHttpClient(ResourceNames.Catalog);
        var categories = await catalog.GetFromJsonAsync<List<CategorySummary>>("/api/v1/categories", ct) ?? [];
        foreach (var leaf in categories.SelectMany(c => c.Children.Count == 0 ? [c] : c.Children))
        {
            var listing = await catalog.GetFromJsonAsync<ProductPage>(
                $"/api/v1/products?category={Uri.EscapeDataString(leaf.Slug)}&warehouse={warehouse}&inStock=true&limit=24", ct);
            if (listing?.Items.FirstOrDefault(p => !p.SoldByWeight && p.Availability == "in_stock") is { } product) return product;
        }
        throw new InvalidOperationException($"No product is in stock at warehouse {warehouse}.");
    }
}
