using Grocery.Web.Components.Shared;
using Grocery.Web.Services;

namespace Grocery.Web.Tests.Components;

public sealed class ProductCardTests : StorefrontTestContext
{
    private static readonly ProductSummary Milk = new(Guid.NewGuid(), "GR020001", "sua-tuoi-vinamilk-1l", "Sữa tươi Vinamilk 1L",
        "Vinamilk Fresh Milk 1L", "Vinamilk", 42, 38_500, 38_500, "l", "each", "l", 1, 8, ["vegetarian"], null, "low_stock");

    [Fact]
    public void In_Vietnamese_the_card_shows_the_Vietnamese_name_and_the_price_as_dong_after_the_amount()
    {
        UseLanguage("vi");

        var card = Render<ProductCard>(p => p.Add(c => c.Product, Milk));

        Assert.Contains("Sữa tươi Vinamilk 1L", card.Find(".name").TextContent);
        Assert.Equal("38.500 ₫", card.Find(".price strong").TextContent);
        Assert.Contains("VAT", card.Find(".unit-price").TextContent);
    }

    [Fact]
    public void In_English_the_card_shows_the_English_name_the_dong_sign_first_and_the_stock_state()
    {
        UseLanguage("en");

        var card = Render<ProductCard>(p => p.Add(c => c.Product, Milk));

        Assert.Contains("Vinamilk Fresh Milk 1L", card.Find(".name").TextContent);
        Assert.Equal("₫38,500", card.Find(".price strong").TextContent);
        Assert.Equal("Only a few left", card.Find("[data-testid=stock]").TextContent);
        Assert.StartsWith("/images/products/42/", card.Find("img").GetAttribute("src"));
    }

    [Fact]
    public void An_out_of_stock_product_cannot_be_added()
    {
        UseLanguage("en");

        var card = Render<ProductCard>(p => p.Add(c => c.Product, Milk with { Availability = "out_of_stock" }));

        Assert.True(card.Find(".add-to-basket button").HasAttribute("disabled"));
    }
}
