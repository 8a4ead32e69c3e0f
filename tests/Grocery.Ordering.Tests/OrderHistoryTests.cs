using Grocery.Ordering.Apis;
using Grocery.Ordering.Basket;

namespace Grocery.Ordering.Tests;

public sealed class OrderHistoryTests(OrderingInfrastructure infrastructure)
{
    [Fact]
    public async Task The_history_pages_newest_first_and_the_cursor_continues_where_the_page_ended()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        List<Guid> placed = [];
        for (var i = 0; i < 3; i++)
        {
            await shopper.ReadyAsync(lines: 1 + i);
            placed.Add((await shopper.PlaceOrderAsync()).Id);
        }
        var ct = TestContext.Current.CancellationToken;

        var first = (await shopper.Client.GetFromJsonAsync<OrderHistoryPage>("/api/v1/orders?limit=2", KafkaPeers.Json, ct))!;
        var second = (await shopper.Client.GetFromJsonAsync<OrderHistoryPage>($"/api/v1/orders?limit=2&cursor={first.NextCursor}", KafkaPeers.Json, ct))!;

        Assert.Equal([placed[2], placed[1]], first.Items.Select(o => o.Id));
        Assert.NotNull(first.NextCursor);
        Assert.Equal([placed[0]], second.Items.Select(o => o.Id));
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData("not-a-cursor!")]
    [InlineData("MTIz")]
    [InlineData("")]
    public async Task A_cursor_the_api_did_not_give_out_is_refused_naming_it(string cursor)
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);

        var response = await shopper.Client.GetAsync($"/api/v1/orders?cursor={Uri.EscapeDataString(cursor)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["cursor"], await SlotHoldCheckoutTests.ErrorKeysAsync(response));
    }

    [Fact]
    public async Task Another_shoppers_order_is_not_found_in_detail_history_or_reorder()
    {
        var app = await infrastructure.SharedAppAsync();
        var owner = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await owner.PlaceOrderAsync();
        var other = new Shopper(app, infrastructure);
        var ct = TestContext.Current.CancellationToken;

        var detail = await other.Client.GetAsync($"/api/v1/orders/{order.Id}", ct);
        var reorder = await other.Client.PostAsync($"/api/v1/orders/{order.Id}/reorder", null, ct);
        var history = (await other.Client.GetFromJsonAsync<OrderHistoryPage>("/api/v1/orders", KafkaPeers.Json, ct))!;

        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reorder.StatusCode);
        Assert.Empty(history.Items);
        Assert.Empty((await other.BasketAsync()).Lines);
    }

    [Fact]
    public async Task The_detail_shows_the_status_timeline()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        await shopper.Client.PostAsync($"/api/v1/orders/{order.Id}/cancel", null, TestContext.Current.CancellationToken);

        var detail = (await shopper.GetOrderAsync(order.Id))!;

        Assert.Equal([OrderStatus.Placed, OrderStatus.Cancelled], detail.Timeline.Select(t => t.Status));
        Assert.True(detail.Timeline[0].At <= detail.Timeline[1].At);
    }

    [Fact]
    public async Task Reorder_puts_the_still_sold_lines_in_the_basket_and_says_which_product_is_no_longer_sold()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync(lines: 2);
        var order = await shopper.PlaceOrderAsync();
        var (gone, kept) = (shopper.Products[0], shopper.Products[1]);
        infrastructure.Catalog.Deactivate(gone.Id);

        var response = await shopper.Client.PostAsync($"/api/v1/orders/{order.Id}/reorder", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reorder = (await response.Content.ReadFromJsonAsync<ReorderResponse>(KafkaPeers.Json, TestContext.Current.CancellationToken))!;
        var line = Assert.Single(reorder.Basket.Lines);
        Assert.Equal((kept.Id, 2m), (line.ProductId, line.Quantity));
        var skipped = Assert.Single(reorder.Skipped);
        Assert.Equal((gone.Id, gone.Sku, ReorderSkipReason.NoLongerSold), (skipped.ProductId, skipped.Sku, skipped.Reason));
        Assert.Contains(gone.Name, skipped.Message);
        Assert.Equal([kept.Id], (await shopper.BasketAsync()).Lines.Select(l => l.ProductId));
    }

    [Fact]
    public async Task Reordering_twice_leaves_the_basket_as_after_the_first_time()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync(lines: 2);
        var order = await shopper.PlaceOrderAsync();
        var ct = TestContext.Current.CancellationToken;

        await shopper.Client.PostAsync($"/api/v1/orders/{order.Id}/reorder", null, ct);
        await shopper.Client.PostAsync($"/api/v1/orders/{order.Id}/reorder", null, ct);

        Assert.Equal(shopper.Products.Select(p => (p.Id, 2m)), (await shopper.BasketAsync()).Lines.Select(l => (l.ProductId, l.Quantity)));
    }
}
