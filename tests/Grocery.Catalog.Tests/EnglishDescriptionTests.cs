using System.Text;
using Grocery.Catalog.Importing;
using Grocery.Catalog.SampleData;

namespace Grocery.Catalog.Tests;

public sealed class EnglishDescriptionTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Body(string sku, int categoryId, string gtin, string? descriptionEn) => new
    {
        sku, gtin, name = $"Trà xanh {sku}", nameEn = "Green tea", description = "Trà xanh Thái Nguyên", descriptionEn,
        brand = "Tea Hills", categoryId, soldBy = "each", unit = "g", netContent = 200, price = 65_000, taxClass = 8,
        storage = "ambient", perishable = false,
    };

    [Fact]
    public async Task A_store_manager_writes_an_english_description_that_the_detail_shows_and_too_long_a_one_is_refused()
    {
        var manager = infra.Client("store-manager");
        var tree = await infra.Client().GetFromJsonAsync<List<Apis.CategoryTreeNode>>("/api/v1/categories", Ct);
        var categoryId = tree!.First(c => c.Slug == "gao-do-kho").Children[0].Id;
        var sku = "EN" + TestProducts.UniqueSuffix();
        var gtin = TestProducts.Gtin(Math.Abs((long)sku.GetHashCode()) + 11);

        var created = await manager.PostAsJsonAsync("/api/v1/products", Body(sku, categoryId, gtin, "Green tea from Thai Nguyen"), Ct);
        var product = (await created.Content.ReadFromJsonAsync<ProductDetail>(Ct))!;
        var tooLong = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/products/{product.Id}")
            { Content = JsonContent.Create(Body(sku, categoryId, gtin, new string('x', 4001))) };
        tooLong.Headers.IfMatch.Add(created.Headers.ETag!);
        var refused = await manager.SendAsync(tooLong, Ct);
        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/products/{product.Id}")
            { Content = JsonContent.Create(Body(sku, categoryId, gtin, "Hand-picked green tea")) };
        update.Headers.IfMatch.Add(created.Headers.ETag!);
        var updated = await manager.SendAsync(update, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Green tea from Thai Nguyen", product.DescriptionEn);
        Assert.Equal("Trà xanh Thái Nguyên", product.Description);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("descriptionEn", out _));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var shown = await infra.Client().GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Slug}", Ct);
        Assert.Equal("Hand-picked green tea", shown.GetProperty("descriptionEn").GetString());
    }

    [Fact]
    public async Task A_csv_carries_the_english_description_and_a_file_without_that_column_keeps_it()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"English {suffix} > Shelf {suffix}";
        var draft = TestProducts.Draft($"EC{suffix}", "Cà phê rang xay", 90_000, path, description: "Cà phê Robusta")
            with { DescriptionEn = "Ground Robusta coffee" };
        var manager = infra.Client("store-manager");
        await TestProducts.ImportOkAsync(manager, [draft]);
        var slug = (await infra.Client().GetFromJsonAsync<ProductPage>($"/api/v1/products?category=shelf-{suffix.ToLowerInvariant()}", Ct))!.Items.Single().Slug;
        var first = await manager.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{slug}", Ct);

        // The older format: no description_en column (fields before it hold no commas, so dropping the sixth is safe).
        var withoutColumn = new StringBuilder(string.Join(',', ProductCsv.Columns.Where(c => c != "description_en"))).Append('\n')
            .Append(string.Join(',', ProductCsv.ToLine(draft with { Price = 95_000 }).Split(',').Where((_, i) => i != 5))).Append('\n');
        var oldFormat = await TestProducts.ImportAsync(manager, withoutColumn.ToString());
        var kept = await manager.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{first!.Id}", Ct);
        await TestProducts.ImportOkAsync(manager, [draft with { DescriptionEn = "" }]);
        var cleared = await manager.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{first.Id}", Ct);

        Assert.Equal("Ground Robusta coffee", first.DescriptionEn);
        Assert.Equal(HttpStatusCode.OK, oldFormat.StatusCode);
        Assert.Equal(95_000, kept!.Price);
        Assert.Equal("Ground Robusta coffee", kept.DescriptionEn);
        Assert.Equal("", cleared!.DescriptionEn);
        Assert.Equal(90_000, cleared.Price);
    }

    [Fact]
    public async Task The_generated_catalog_describes_every_product_in_english_too_and_the_vietnamese_description_stays_vietnamese()
    {
        var drafts = CatalogGenerator.Generate(200).ToList();
        var sample = await infra.Client().GetFromJsonAsync<ProductPage>("/api/v1/products?category=do-uong&limit=1", Ct);
        var detail = await infra.Client().GetFromJsonAsync<ProductDetail>($"/api/v1/products/{sample!.Items.Single().Slug}", Ct);

        Assert.All(drafts, d => Assert.False(string.IsNullOrWhiteSpace(d.DescriptionEn)));
        Assert.All(drafts, d => Assert.Contains(d.Brand, d.DescriptionEn));
        Assert.All(drafts, d => Assert.DoesNotContain(" from ", d.Description));
        Assert.False(string.IsNullOrWhiteSpace(detail!.DescriptionEn));
        Assert.NotEqual(detail.Description, detail.DescriptionEn);
    }
}
