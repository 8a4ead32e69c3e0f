using System.Net;
using System.Security.Claims;
using System.Text;
using Grocery.Web.Components.Pages.Basket;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grocery.Web.Tests.Components;

public sealed class ReorderTests : StorefrontTestContext
{
    private static readonly Guid OrderId = Guid.NewGuid();

    [Fact]
    public async Task Re_ordering_asks_Ordering_for_the_shoppers_order_and_shows_the_basket_naming_what_was_skipped()
    {
        var ordering = new RecordingHandler(HttpStatusCode.OK,
            """
            {"basket":{"basketId":null,"lines":[],"subtotal":0,"vat":[],"deliveryFee":0,"total":0,"isEstimate":false,"zone":null,"pricesChanged":false},
             "skipped":[{"productId":"0193a1b2-0000-7000-8000-000000000009","sku":"GR090001","name":"Bánh Trung Thu & trà","quantity":2,
                         "reason":"NoLongerSold","message":"Bánh Trung Thu & trà is no longer sold."}]}
            """);

        var result = await AccountEndpoints.ReorderAsync(OrderId, SignedIn(), new OrderingClient(Client(ordering)),
            NullLogger<OrderingClient>.Instance, CancellationToken.None);

        Assert.Equal((HttpMethod.Post, $"/api/v1/orders/{OrderId}/reorder", "Bearer shopper-token"), ordering.Requests.Single());
        Assert.Equal("/basket?reordered=true&skipped=B%C3%A1nh%20Trung%20Thu%20%26%20tr%C3%A0&why=NoLongerSold", result.Url);
    }

    [Fact]
    public async Task A_re_order_of_an_order_that_is_not_the_shoppers_stays_on_the_order_and_says_so()
    {
        var ordering = new RecordingHandler(HttpStatusCode.NotFound, "");

        var result = await AccountEndpoints.ReorderAsync(OrderId, SignedIn(), new OrderingClient(Client(ordering)),
            NullLogger<OrderingClient>.Instance, CancellationToken.None);

        Assert.Equal($"/orders/{OrderId}?reorder=missing", result.Url);
    }

    [Fact]
    public async Task With_Ordering_down_a_re_order_says_the_basket_cannot_be_filled_now()
    {
        var result = await AccountEndpoints.ReorderAsync(OrderId, SignedIn(), new OrderingClient(Client(new RecordingHandler(null, ""))),
            NullLogger<OrderingClient>.Instance, CancellationToken.None);

        Assert.Equal($"/orders/{OrderId}?reorder=unavailable", result.Url);
    }

    [Fact]
    public void At_most_ten_skipped_products_are_named_and_the_rest_are_counted()
    {
        var skipped = Enumerable.Range(1, 12).Select(i => new SkippedProduct(Guid.NewGuid(), $"GR{i}", $"P{i}", 1, "BasketFull", null)).ToList();

        var url = AccountEndpoints.BasketAfterReorder(new ReorderResult(Basket.Empty, skipped));

        Assert.Equal("/basket?reordered=true" + string.Concat(Enumerable.Range(1, 10).Select(i => $"&skipped=P{i}&why=BasketFull")) + "&skippedMore=2", url);
    }

    [Fact]
    public void The_basket_after_a_re_order_names_each_product_that_was_not_added_and_why()
    {
        UseLanguage("en");
        Services.AddSingleton(new BasketClient(new HttpClient()));
        Services.GetRequiredService<NavigationManager>()
            .NavigateTo("/basket?reordered=true&skipped=B%C3%A1nh%20Trung%20Thu&why=NoLongerSold&skipped=Tr%C3%A0%20sen&why=BasketFull");

        var page = Render<BasketPage>();

        Assert.Contains("The products of your order are back in your basket.", page.Find("[data-testid=reorder-result]").TextContent);
        Assert.Equal(["Bánh Trung Thu · we no longer sell it", "Trà sen · your basket is full"],
            page.FindAll("[data-testid=reorder-skipped]").Select(s => s.TextContent));
    }

    private static DefaultHttpContext SignedIn() =>
        new() { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ShopperTokens.AccessToken, "shopper-token")], "test")) };

    private static HttpClient Client(HttpMessageHandler handler) => new(handler) { BaseAddress = new Uri("http://ordering") };

    /// <summary>Answers every request with one response (or, given no status, fails as an unreachable service does) and records what was asked.</summary>
    private sealed class RecordingHandler(HttpStatusCode? status, string body) : HttpMessageHandler
    {
        public List<(HttpMethod, string, string?)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.Method, request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString()));
            if (status is null) throw new HttpRequestException("Connection refused");
            return Task.FromResult(new HttpResponseMessage(status.Value) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
