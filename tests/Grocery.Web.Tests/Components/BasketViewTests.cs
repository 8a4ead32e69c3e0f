using Grocery.Web.Components.Shared;
using Grocery.Web.Services;

namespace Grocery.Web.Tests.Components;

public sealed class BasketViewTests : StorefrontTestContext
{
    private static readonly Guid Bananas = Guid.NewGuid();
    private static readonly Guid Milk = Guid.NewGuid();

    private static Basket Sample(bool meetsMinimum) => new(
        null,
        [
            new BasketLine(Bananas, "GR000101", "Chuối Cavendish Dole", 0.5m, "kg", 32_000, 16_000, true, 0, true, false, null,
                SubstitutionPreference.AnySimilar, null, null),
            new BasketLine(Milk, "GR020001", "Sữa tươi Vinamilk 1L", 2, "each", 38_500, 77_000, false, 8, true, true, 36_000,
                SubstitutionPreference.None, null, null),
        ],
        Subtotal: 93_000, Vat: [new VatLine(8, 77_000, 5_704)], DeliveryFee: 15_000, Total: 108_000, IsEstimate: true,
        Zone: new BasketZone(Guid.NewGuid(), "Trung tâm", 100_000, meetsMinimum, meetsMinimum ? 0 : 7_000), PricesChanged: true);

    [Fact]
    public void A_weighed_line_shows_its_weight_and_an_about_price_and_steps_by_a_tenth_of_a_kilogram()
    {
        UseLanguage("en");

        var view = Render<BasketView>(p => p.Add(c => c.Basket, Sample(meetsMinimum: false)));

        var bananas = view.FindAll("[data-testid=basket-line]").Single(l => l.GetAttribute("data-sku") == "GR000101");
        Assert.Equal("0.5 kg", bananas.QuerySelector("[data-testid=quantity]")!.TextContent);
        Assert.Contains("about", bananas.QuerySelector(".total")!.TextContent);
        Assert.Contains("₫16,000", bananas.TextContent);
        var steps = bananas.QuerySelectorAll("input[name=quantity]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["0.4", "0.6"], steps);
    }

    [Fact]
    public void A_counted_line_steps_by_one_and_says_when_its_price_changed()
    {
        UseLanguage("en");

        var view = Render<BasketView>(p => p.Add(c => c.Basket, Sample(meetsMinimum: true)));

        var milk = view.FindAll("[data-testid=basket-line]").Single(l => l.GetAttribute("data-sku") == "GR020001");
        Assert.Equal(["1", "3"], milk.QuerySelectorAll("input[name=quantity]").Select(i => i.GetAttribute("value")).ToList());
        Assert.Contains("Price changed from ₫36,000", milk.TextContent);
        Assert.Contains("no substitute", milk.TextContent);
    }

    [Fact]
    public void Below_the_minimum_the_basket_says_how_much_more_to_add_in_Vietnamese()
    {
        UseLanguage("vi");

        var view = Render<BasketView>(p => p.Add(c => c.Basket, Sample(meetsMinimum: false)));

        var minimum = view.Find("[data-testid=minimum]");
        Assert.Contains("7.000 ₫", minimum.TextContent);
        Assert.Contains("100.000 ₫", minimum.TextContent);
        Assert.Equal("93", minimum.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        Assert.Contains("108.000 ₫", view.Find("[data-testid=total]").TextContent);
    }

    [Fact]
    public void At_the_minimum_the_progress_bar_is_full_and_the_delivery_fee_is_shown()
    {
        UseLanguage("en");

        var view = Render<BasketView>(p => p.Add(c => c.Basket, Sample(meetsMinimum: true) with { Subtotal = 120_000 }));

        Assert.Equal("100", view.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Contains("₫15,000", view.Find(".totals").TextContent);
    }
}
