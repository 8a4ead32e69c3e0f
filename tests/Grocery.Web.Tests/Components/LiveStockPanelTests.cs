using System.Globalization;
using Grocery.Contracts;
using Grocery.Contracts.Inventory;
using Grocery.Web.Components.Shared;
using Grocery.Web.Shopping;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Web.Tests.Components;

public sealed class LiveStockPanelTests : StorefrontTestContext
{
    private const string Sku = "GR020001";
    private static readonly Guid Warehouse = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
    private readonly LiveStock _stock = new();

    public LiveStockPanelTests() => Services.AddSingleton(_stock);

    [Fact]
    public async Task A_change_heard_while_the_page_is_open_turns_the_badge_and_disables_adding_in_the_shoppers_language()
    {
        UseLanguage("vi");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var panel = Render<LiveStockPanel>(p => p.Add(c => c.Sku, Sku).Add(c => c.WarehouseId, Warehouse).Add(c => c.Availability, "in_stock")
            .Add(c => c.ProductId, Guid.NewGuid()).Add(c => c.Name, "Sữa tươi"));
        Assert.Equal("Còn hàng", panel.Find("[data-testid=stock]").TextContent);

        // The event arrives on the consumer's thread, in its own culture.
        await Task.Run(() =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 0, StockState.Out, At));
        }, Xunit.TestContext.Current.CancellationToken);

        panel.WaitForAssertion(() =>
        {
            Assert.Equal("Hết hàng", panel.Find("[data-testid=stock]").TextContent);
            Assert.True(panel.Find(".add-to-basket button").HasAttribute("disabled"));
        });
    }

    [Fact]
    public void A_change_for_another_warehouse_leaves_the_badge_alone()
    {
        UseLanguage("en");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var panel = Render<LiveStockPanel>(p => p.Add(c => c.Sku, Sku).Add(c => c.WarehouseId, Warehouse).Add(c => c.Availability, "in_stock")
            .Add(c => c.ProductId, Guid.NewGuid()).Add(c => c.Name, "Milk"));

        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Guid.NewGuid(), 0, StockState.Out, At));

        Assert.Equal("In stock", panel.Find("[data-testid=stock]").TextContent);
        Assert.False(panel.Find(".add-to-basket button").HasAttribute("disabled"));
    }

    [Fact]
    public void A_page_rendered_with_an_older_state_shows_the_one_heard_since()
    {
        UseLanguage("en");
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 2, StockState.Low, At));

        var panel = Render<LiveStockPanel>(p => p.Add(c => c.Sku, Sku).Add(c => c.WarehouseId, Warehouse).Add(c => c.Availability, "in_stock")
            .Add(c => c.ProductId, Guid.NewGuid()).Add(c => c.Name, "Milk"));

        Assert.Equal("Only a few left", panel.Find("[data-testid=stock]").TextContent);
    }

    [Fact]
    public void An_older_change_arriving_late_does_not_replace_a_newer_one()
    {
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 0, StockState.Out, At.AddSeconds(2)));
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 9, StockState.In, At));

        Assert.Equal(StockState.Out, _stock.Current(Warehouse, Sku));
    }

    [Fact]
    public void A_change_with_a_lower_version_is_ignored_even_when_stamped_later()
    {
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 0, StockState.Out, At, Version: 8));
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 9, StockState.In, At.AddSeconds(2), Version: 7));

        Assert.Equal(StockState.Out, _stock.Current(Warehouse, Sku));
    }

    [Fact]
    public void A_watcher_hears_only_changes_of_the_state_a_page_shows_not_of_the_count()
    {
        var heard = new List<StockState>();
        using var watch = _stock.Watch(Warehouse, Sku, heard.Add);

        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 12, StockState.In, At, Version: 1));
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 11, StockState.In, At.AddSeconds(1), Version: 2));
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 11, StockState.In, At.AddSeconds(1), Version: 2));
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 3, StockState.Low, At.AddSeconds(2), Version: 3));
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 2, StockState.Low, At.AddSeconds(3), Version: 4));
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 0, StockState.Out, At.AddSeconds(4), Version: 5));

        Assert.Equal([StockState.In, StockState.Low, StockState.Out], heard);
        Assert.Equal(StockState.Out, _stock.Current(Warehouse, Sku));
    }

    [Fact]
    public void A_closed_page_hears_no_more_changes()
    {
        var heard = new List<StockState>();
        var watch = _stock.Watch(Warehouse, Sku, heard.Add);
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 2, StockState.Low, At));
        watch.Dispose();
        _stock.Apply(new StockLevelChangedIntegrationEvent(Sku, Warehouse, 0, StockState.Out, At.AddSeconds(1)));

        Assert.Equal([StockState.Low], heard);
    }
}
