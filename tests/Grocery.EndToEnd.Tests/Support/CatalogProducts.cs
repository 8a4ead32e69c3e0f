using System.Net;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>Real products from the catalog (seeded with generated data in Development), sold by the piece.</summary>
public static class CatalogProducts
{
    public static async Task<IReadOnlyList<ProductSummary>> SoldByThePieceAsync(GroceryAppFixture system, int count, CancellationToken ct)
    {
        using var catalog = system.CreateHttpClient(ResourceNames.Catalog);
        var response = await (await catalog.GetAsync("/api/v1/products?limit=100", ct)).ExpectAsync(HttpStatusCode.OK);
        var page = await response.ReadAsync<ProductPage>(ct);
        var products = page.Items.Where(p => !string.Equals(p.SoldBy, "Weight", StringComparison.OrdinalIgnoreCase) && p.Price > 0)
            .OrderBy(_ => Random.Shared.Next()).Take(count).ToList();
        Assert.True(products.Count == count, $"The catalog lists only {products.Count} products sold by the piece; {count} were needed.");
        return products;
    }
}
