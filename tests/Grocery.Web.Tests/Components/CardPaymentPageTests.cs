using System.Security.Claims;
using Grocery.Web.Components.Pages.Orders;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Web.Tests.Components;

public sealed class CardPaymentPageTests : StorefrontTestContext
{
    private static readonly Guid OrderId = new("0193a5c0-0000-7000-8000-0000000c4a2d");
    private static readonly CardPaymentSession Session = new("pi_fake7_secret_abc", "pk_test_fake");
    private readonly FakeOrders _orders = new();
    private readonly CardPaymentSessions _sessions = new(new EphemeralDataProtectionProvider());

    public CardPaymentPageTests()
    {
        Services.AddSingleton<IOrders>(_orders);
        Services.AddSingleton(_sessions);
    }

    [Fact]
    public void The_card_page_mounts_the_payment_element_with_the_checkout_session_and_returns_to_the_order_page()
    {
        UseLanguage("en");
        _orders.Order = Order("AwaitingPayment");

        var context = WithKeptSession(out var cookie);

        var page = Render<CardPaymentPage>(p => p.Add(c => c.Id, OrderId).AddCascadingValue(context));

        var form = page.Find("form#card-payment");
        Assert.Equal((Session.ClientSecret, Session.PublishableKey), (form.GetAttribute("data-client-secret"), form.GetAttribute("data-publishable-key")));
        Assert.Equal($"http://localhost/orders/{OrderId}", form.GetAttribute("data-return-url"));
        Assert.NotNull(page.Find("#payment-element"));
        Assert.Contains(page.FindAll("script"), s => s.GetAttribute("src") == "https://js.stripe.com/v3/");
        Assert.Equal("Confirm card payment", page.Find("[data-testid=confirm-card]").TextContent);
        Assert.StartsWith("Estimated total ₫215,000. Items sold by weight", page.Find("[data-testid=card-estimate]").TextContent.Trim());
        // The client secret travels only in a cookie of the card page, out of reach of scripts.
        Assert.Contains($"path={CardPaymentSessions.PagePath(OrderId)}", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Session.ClientSecret, cookie, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_kept_session_the_card_page_says_the_form_expired_and_links_to_the_order_in_Vietnamese()
    {
        UseLanguage("vi");
        _orders.Order = Order("AwaitingPayment");

        var page = Render<CardPaymentPage>(p => p.Add(c => c.Id, OrderId).AddCascadingValue(SignedIn()));

        Assert.Empty(page.FindAll("form#card-payment"));
        Assert.StartsWith("Biểu mẫu thẻ của đơn này đã hết hạn.", page.Find("[data-testid=card-expired]").TextContent.Trim());
        Assert.Equal($"/orders/{OrderId}", page.Find("[data-testid=card-expired] a").GetAttribute("href"));
        Assert.Equal("Thanh toán bằng thẻ", page.Find("h1").TextContent);
    }

    [Fact]
    public void An_order_whose_card_is_already_confirmed_offers_no_card_form_even_with_the_session_kept()
    {
        UseLanguage("en");
        _orders.Order = Order("Confirmed");

        var context = WithKeptSession(out _);

        var page = Render<CardPaymentPage>(p => p.Add(c => c.Id, OrderId).AddCascadingValue(context));

        Assert.Empty(page.FindAll("form#card-payment"));
        Assert.Empty(page.FindAll("script"));
        Assert.StartsWith("This order no longer waits for a card payment.", page.Find("[data-testid=card-not-waiting]").TextContent);
    }

    /// <summary>The checkout's answer kept as the form post does, and sent back by the browser on the card page.</summary>
    private DefaultHttpContext WithKeptSession(out string setCookie)
    {
        var checkout = new DefaultHttpContext();
        _sessions.Keep(checkout, OrderId, Session);
        setCookie = checkout.Response.Headers.SetCookie.ToString();
        var context = SignedIn();
        context.Request.Headers.Cookie = setCookie.Split(';')[0];
        return context;
    }

    private static DefaultHttpContext SignedIn() =>
        new() { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ShopperTokens.AccessToken, "shopper-token")], "test")) };

    private static Order Order(string status) => new(
        OrderId, status, Now, PaymentMethods.Card,
        [new OrderItem(Guid.NewGuid(), "GR000101", "Thịt ba chỉ", 1.0m, "kg", 150_000, 150_000, true, 5, SubstitutionPreference.None, null, null),
         new OrderItem(Guid.NewGuid(), "GR020001", "Gạo ST25", 2, "each", 25_000, 50_000, false, 5, SubstitutionPreference.None, null, null)],
        200_000, [new VatLine(5, 200_000, 9_524)], 15_000, 215_000, true,
        new OrderSlot(Guid.NewGuid(), Now.AddHours(9), Now.AddHours(11)), new OrderSteps("Succeeded", "Succeeded", "Pending", null), null, true,
        [new OrderTimelineEntry("Placed", Now, null)]);

    private sealed class FakeOrders : IOrders
    {
        public Order? Order { get; set; }

        public Task<Order?> GetOrderAsync(string accessToken, Guid id, CancellationToken cancellationToken = default) =>
            Task.FromResult(accessToken == "shopper-token" && id == OrderId ? Order : null);
    }
}
