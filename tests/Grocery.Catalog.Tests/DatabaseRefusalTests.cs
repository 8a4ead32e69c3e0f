using Grocery.Catalog.Domain;
using Grocery.Catalog.IntegrationEvents.EventHandling;
using Grocery.Contracts;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grocery.Catalog.Tests;

/// <summary>A write PostgreSQL still refuses is the caller's problem (400 or 409), answered by the handler every service database registers.</summary>
public sealed class DatabaseRefusalTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(PostgresErrorCodes.StringDataRightTruncation, 400)]
    [InlineData(PostgresErrorCodes.NumericValueOutOfRange, 400)]
    [InlineData(PostgresErrorCodes.CharacterNotInRepertoire, 400)]
    [InlineData(PostgresErrorCodes.InvalidTextRepresentation, 400)]
    [InlineData(PostgresErrorCodes.UniqueViolation, 409)]
    [InlineData(PostgresErrorCodes.ForeignKeyViolation, 409)]
    [InlineData(PostgresErrorCodes.CheckViolation, 409)]
    public async Task A_refused_write_is_answered_with_a_problem_of_the_callers_status(string sqlState, int status)
    {
        var (handled, context, body) = await HandleAsync(new DbUpdateException("refused", new PostgresException("refused", "ERROR", "ERROR", sqlState)));

        Assert.True(handled);
        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal(status, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_failure_that_is_not_the_callers_is_left_to_the_default_500()
    {
        var (handled, _, _) = await HandleAsync(new PostgresException("busy", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure));
        var (otherHandled, _, _) = await HandleAsync(new InvalidOperationException("bug"));

        Assert.False(handled);
        Assert.False(otherHandled);
    }

    [Fact]
    public async Task Importing_a_product_whose_address_another_product_has_is_reported_on_its_line_and_nothing_is_imported()
    {
        var suffix = TestProducts.UniqueSuffix();
        var category = $"Limits {suffix} > Slugs {suffix}";
        var manager = infra.Client("store-manager");
        await TestProducts.ImportOkAsync(manager, [TestProducts.Draft($"X-S1{suffix}", "Gạo", 30_000, category)]);
        var clash = TestProducts.Draft($"S1{suffix}", "Gạo x", 30_000, category);
        var inFile = TestProducts.Draft($"S2{suffix}", "Gạo y", 30_000, category);
        var inFileClash = TestProducts.Draft($"Y-S2{suffix}", "Gạo", 30_000, category);

        var againstStored = await TestProducts.ImportAsync(manager, TestProducts.Csv([clash]));
        var withinFile = await TestProducts.ImportAsync(manager, TestProducts.Csv([inFile, inFileClash]));

        Assert.Equal(ProductRules.ProductSlug("Gạo x", $"S1{suffix}".ToUpperInvariant()), ProductRules.ProductSlug("Gạo", $"X-S1{suffix}".ToUpperInvariant()));
        await AssertLineErrorAsync(againstStored, "line 2: name");
        await AssertLineErrorAsync(withinFile, "line 3: name");
        await using var scope = infra.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        Assert.False(await db.Products.AnyAsync(p => p.Sku == clash.Sku || p.Sku == inFile.Sku || p.Sku == inFileClash.Sku, Ct));
    }

    [Fact]
    public async Task A_stock_level_beyond_the_column_is_kept_at_its_largest_value_and_a_sku_no_product_can_have_is_passed_over()
    {
        var suffix = TestProducts.UniqueSuffix();
        var sku = $"AV{suffix}";
        await TestProducts.ImportOkAsync(infra.Client("store-manager"), [TestProducts.Draft(sku, "Kho lớn", 20_000, $"Limits {suffix} > Stock {suffix}")]);
        var warehouse = Guid.NewGuid();
        var overlong = Long(CatalogLimits.SkuMaxLength + 1);

        await HandleStockAsync(new StockLevelChangedIntegrationEvent(sku, warehouse, 1e20m, StockState.In, DateTimeOffset.UtcNow));
        await HandleStockAsync(new StockLevelChangedIntegrationEvent(overlong, warehouse, 5, StockState.In, DateTimeOffset.UtcNow));

        await using var scope = infra.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var stored = await db.Set<ProductAvailability>().AsNoTracking().SingleAsync(a => a.Sku == sku && a.WarehouseId == warehouse, Ct);
        Assert.Equal(CatalogLimits.MaxAvailable, stored.Available);
        Assert.Equal(StockState.In, stored.State);
        Assert.False(await db.Set<ProductAvailability>().AnyAsync(a => a.WarehouseId == warehouse && a.Sku != sku, Ct));
    }

    private static string Long(int length) => new('S', length);

    private async Task HandleStockAsync(StockLevelChangedIntegrationEvent e)
    {
        await using var scope = infra.App.Services.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<StockLevelChangedHandler>(scope.ServiceProvider);
        await handler.HandleAsync(e, new IntegrationEventContext(Guid.NewGuid().ToString(), "test", "inventory", DateTimeOffset.UtcNow, e.Sku,
            Guid.NewGuid().ToString(), null, "inventory.events", 0, 0, 1, false), Ct);
    }

    private static async Task AssertLineErrorAsync(HttpResponseMessage response, string key)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(key, out _), text);
    }

    private async Task<(bool Handled, HttpContext Context, string Body)> HandleAsync(Exception exception)
    {
        await using var scope = infra.App.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        var handled = false;
        foreach (var handler in scope.ServiceProvider.GetServices<IExceptionHandler>())
        {
            if (await handler.TryHandleAsync(context, exception, Ct))
            {
                handled = true;
                break;
            }
        }
        context.Response.Body.Position = 0;
        return (handled, context, await new StreamReader(context.Response.Body).ReadToEndAsync(Ct));
    }
}
