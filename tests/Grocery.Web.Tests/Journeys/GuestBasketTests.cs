using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// Two new guests, one after the other, each get a basket of their own. Web once kept Ordering's guest basket
/// cookie in the handler it shares between shoppers, so the second guest's line went into the first one's basket.
/// </summary>
public sealed class GuestBasketTests(StorefrontFixture system)
{
    private const string InStockCard = "[data-testid=product-card]:has(.stock.in_stock)";

    [Fact]
    public async Task Two_new_guests_adding_one_after_the_other_each_have_a_basket_of_their_own()
    {
        SetDefaultExpectTimeout(30_000);
        await using var first = await system.Browser.NewContextAsync(new() { BaseURL = system.WebAddress.ToString() });
        await using var second = await system.Browser.NewContextAsync(new() { BaseURL = system.WebAddress.ToString() });
        var firstPage = await AddOneInStockProductAsync(first, "bananna");
        var secondPage = await AddOneInStockProductAsync(second, "sữa");

        await Expect(secondPage.GetByTestId("basket-count")).ToHaveTextAsync("1");
        foreach (var page in new[] { firstPage, secondPage })
        {
            await page.GotoAsync("/basket");
            await Expect(page.GetByTestId("basket-line")).ToHaveCountAsync(1);
        }
    }

    private static async Task<IPage> AddOneInStockProductAsync(IBrowserContext guest, string query)
    {
        var page = await guest.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        await ShoppingJourneyTests.ChooseAreaAsync(page, "71000");
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString(query));
        await page.Locator(InStockCard).First.Locator(".add-to-basket button").ClickAsync();
        await page.WaitForURLAsync(new Regex("[?&]basket=updated"));
        await Expect(page.GetByTestId("basket-count")).ToHaveTextAsync("1");
        return page;
    }
}
