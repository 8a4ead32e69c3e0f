using System.Text;
using Grocery.Catalog.Domain;
using Grocery.Catalog.Importing;

namespace Grocery.Catalog.Tests;

/// <summary>Builds products of a test's own (unique) category and imports them through the API.</summary>
public static class TestProducts
{
    private static int _next;

    public static string UniqueSuffix() => Interlocked.Increment(ref _next).ToString("D4") + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public static string Gtin(long n)
    {
        var body = $"899{n % 1_000_000_000:D9}";
        return body + ProductRules.Ean13CheckDigit(body);
    }

    public static ProductDraft Draft(string sku, string name, decimal price, string categoryPath, string brand = "Test Brand",
        string nameEn = "", string description = "", string[]? tags = null, int popularity = 0) =>
        new(sku, Gtin(Math.Abs((long)sku.GetHashCode()) + sku.Length), name, nameEn, description, brand, categoryPath,
            SoldBy.Each, "g", 500, price, 8, tags ?? [], [], "VN", StorageType.Ambient, false, null,
            ["https://img.grocery.local/x.jpg"], true, popularity);

    public static string Csv(IEnumerable<ProductDraft> drafts)
    {
        var sb = new StringBuilder(ProductCsv.HeaderLine).Append('\n');
        foreach (var d in drafts) sb.Append(ProductCsv.ToLine(d)).Append('\n');
        return sb.ToString();
    }

    public static async Task<HttpResponseMessage> ImportAsync(HttpClient manager, string csv) =>
        await manager.PostAsync("/api/v1/products/import", new StringContent(csv, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);

    public static async Task ImportOkAsync(HttpClient manager, IEnumerable<ProductDraft> drafts)
    {
        var response = await ImportAsync(manager, Csv(drafts));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
