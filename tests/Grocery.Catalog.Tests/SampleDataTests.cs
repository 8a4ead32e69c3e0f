using Grocery.Catalog.Domain;
using Grocery.Catalog.Importing;
using Grocery.Catalog.SampleData;
using Grocery.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Catalog.Tests;

public sealed class SampleDataTests(CatalogInfrastructure infra)
{
    [Fact]
    public void The_generator_is_deterministic_and_produces_valid_realistic_products()
    {
        var first = CatalogGenerator.Generate(50_000).ToList();
        var second = CatalogGenerator.Generate(50_000).Take(500).ToList();

        Assert.Equal(first.Take(500).Select(ProductCsv.ToLine), second.Select(ProductCsv.ToLine));
        Assert.Equal(50_000, first.Select(p => p.Sku).Distinct().Count());
        Assert.Equal(50_000, first.Select(p => p.Gtin).Distinct().Count());
        Assert.All(first, p => Assert.Empty(p.Validate()));
        Assert.InRange(first.Select(p => p.CategoryPathParts()[0]).Distinct().Count(), 14, 16);
        Assert.InRange(first.Select(p => p.CategoryPath).Distinct().Count(), 190, 210);
        Assert.InRange(first.Select(p => p.Brand).Distinct().Count(), 900, 1100);
        Assert.Equal([0, 5, 8, 10], first.Select(p => p.TaxClass).Distinct().Order());
        Assert.Contains(first, p => p.SoldBy == SoldBy.Weight);
        Assert.All(first, p => Assert.Equal(0, p.Price % 100));
    }

    [Fact]
    public void Eggs_come_by_the_piece_and_cheese_by_weight_with_no_flavour_or_fruit_variety_that_belongs_to_another_aisle()
    {
        var products = CatalogGenerator.Generate(10_000).ToList();
        var eggs = products.Where(p => p.CategoryPath!.EndsWith("Trứng gà", StringComparison.Ordinal)).ToList();
        var cheese = products.Where(p => p.CategoryPath!.EndsWith("Phô mai", StringComparison.Ordinal)).ToList();
        var apples = products.Where(p => p.CategoryPath!.EndsWith("Táo", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(eggs);
        Assert.All(eggs, p => Assert.Equal("pcs", p.Unit));
        Assert.All(eggs, p => Assert.DoesNotContain("vị", p.Name));
        // A Vietnamese name counts eggs in "quả"; the English one keeps the catalog's unit.
        Assert.All(eggs, p => Assert.Matches(@" \d+ quả$", p.Name));
        Assert.All(eggs, p => Assert.Matches(@" \d+pcs$", p.NameEn));
        Assert.All(products.Where(p => p.CategoryPath!.StartsWith("Bánh mì", StringComparison.Ordinal)), p => Assert.Matches(@" \d+ cái$", p.Name));
        Assert.All(cheese, p => Assert.Equal("g", p.Unit));
        // Milk powder sits on the dry shelves for months, not in the dairy chiller.
        var milkPowder = products.Where(p => p.CategoryPath!.EndsWith("Sữa bột", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(milkPowder);
        Assert.All(milkPowder, p => Assert.Equal(StorageType.Ambient, p.Storage));
        Assert.All(milkPowder, p => Assert.InRange(p.ShelfLifeDays ?? 0, 270, 540));
        Assert.All(apples, p => Assert.DoesNotContain("Cavendish", p.Name));
    }

    [Fact]
    public async Task The_full_sample_catalog_is_seeded_once_even_by_two_replicas_starting_together()
    {
        var database = await infra.NewDatabaseAsync();
        var settings = new Dictionary<string, string?> { ["Catalog:SeedSampleData"] = "true", ["Catalog:SampleDataSize"] = "50000" };
        await using var first = new CatalogApp(database, infra.Redis.ConnectionString, null, infra.Identity.ServiceConfiguration, settings);
        await using var second = new CatalogApp(database, infra.Redis.ConnectionString, null, infra.Identity.ServiceConfiguration, settings);
        var started = DateTime.UtcNow;

        // What RunWithMigrationsAsync does at startup, in both replicas at once.
        await Task.WhenAll(new[] { first, second }.Select(async app =>
        {
            foreach (var migrator in app.Services.GetServices<IDatabaseMigrator>()) await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        }));
        TestContext.Current.SendDiagnosticMessage($"50,000 SKUs seeded in {DateTime.UtcNow - started}");

        await using var db = new CatalogDbContext(new DbContextOptionsBuilder<CatalogDbContext>().UseNpgsql(database).Options);
        Assert.Equal(50_000, await db.Products.CountAsync(TestContext.Current.CancellationToken));
        Assert.InRange(await db.Categories.CountAsync(c => c.ParentId == null, TestContext.Current.CancellationToken), 14, 16);
        var results = await first.CreateClient().GetFromJsonAsync<SearchResults>("/api/v1/search?q=bananna", TestContext.Current.CancellationToken);
        Assert.Contains("Banana", results!.Items[0].NameEn);
        await using var scope = first.Services.CreateAsyncScope();
        var again = await scope.ServiceProvider.GetRequiredService<ProductImporter>()
            .ImportAsync(CatalogGenerator.Generate(50_000), publishEvents: false, TestContext.Current.CancellationToken);
        Assert.Equal(50_000, again.Unchanged);
    }
}
