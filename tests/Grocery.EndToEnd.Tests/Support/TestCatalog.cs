using System.Globalization;
using System.Net;
using System.Text;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>A product a test defines itself: its price, tax rate, size and storage are what the test computes with.</summary>
public sealed record TestProductSpec(
    string Name, decimal Price, int TaxRate = 8, bool SoldByWeight = false, string Unit = "g", decimal NetContent = 500, string Storage = "ambient");

/// <summary>Imports products into a category of the test's own through Catalog's CSV import (as a store manager).</summary>
public static class TestCatalog
{
    private static int _next;

    /// <summary>Returns the products in the order given, each with its new id, SKU and GTIN.</summary>
    public static async Task<IReadOnlyList<ImportedProduct>> ImportAsync(GroceryAppFixture system, UserSession manager, IReadOnlyList<TestProductSpec> specs,
        CancellationToken ct)
    {
        var run = $"{Interlocked.Increment(ref _next):D3}{Guid.NewGuid():N}"[..9].ToUpperInvariant();
        var category = $"E2E {run} > Shelf {run}";
        var rows = specs.Select((spec, i) => (Spec: spec, Sku: $"E2E-{run}-{i + 1}", Gtin: Gtin($"{run}{i + 1}"))).ToList();
        var csv = new StringBuilder("sku,gtin,name,brand,category_path,sold_by,unit,net_content,price,tax_class,storage,images\n");
        foreach (var (spec, sku, gtin) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{sku},{gtin},{spec.Name},E2E Farm,{category},{(spec.SoldByWeight ? "weight" : "each")},{(spec.SoldByWeight ? "kg" : spec.Unit)},")
                .Append(CultureInfo.InvariantCulture, $"{(spec.SoldByWeight ? 1 : spec.NetContent)},{spec.Price},{spec.TaxRate},{spec.Storage},https://img.grocery.local/e2e.jpg\n");
        }
        var catalog = await manager.ClientAsync(ResourceNames.Catalog, ct);
        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        await (await catalog.PostAsync("/api/v1/products/import", content, ct)).ExpectAsync(HttpStatusCode.OK);

        var listing = await (await catalog.GetAsync($"/api/v1/products?category=shelf-{run.ToLowerInvariant()}&limit=100", ct)).ExpectAsync(HttpStatusCode.OK);
        var listed = (await listing.ReadAsync<ProductPage>(ct)).Items.ToDictionary(p => p.Sku);
        return rows.Select(r => new ImportedProduct(listed[r.Sku], r.Gtin, r.Spec)).ToList();
    }

    /// <summary>An EAN-13 starting 899 (Vietnam) made from the digits of the seed.</summary>
    private static string Gtin(string seed)
    {
        var digits = new string(((uint)StringComparer.Ordinal.GetHashCode(seed)).ToString("D10", CultureInfo.InvariantCulture).Take(9).ToArray());
        var body = "899" + digits;
        var sum = body.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return body + (char)('0' + (10 - sum % 10) % 10);
    }
}

public sealed record ImportedProduct(ProductSummary Product, string Gtin, TestProductSpec Spec)
{
    public Guid Id => Product.Id;

    public string Sku => Product.Sku;
}
