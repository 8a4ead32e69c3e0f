namespace Grocery.Catalog.Tests;

public sealed class ImportTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_csv_with_bad_rows_reports_each_error_by_line_and_imports_nothing()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Import {suffix} > Rows {suffix}";
        var good = TestProducts.Draft($"IM{suffix}1", "Good row", 10_000, path);
        var csv = TestProducts.Csv(
        [
            good,                                                                   // line 2
            TestProducts.Draft($"IM{suffix}2", "Bad GTIN", 10_000, path) with { Gtin = "8930000000011" }, // line 3
            TestProducts.Draft($"IM{suffix}3", "Fine", 10_000, path),               // line 4
            TestProducts.Draft($"IM{suffix}4", "Bad tax", 10_000, path) with { TaxClass = 7 },       // line 5
            good with { Gtin = TestProducts.Gtin(123_456_789) },                    // line 6: same SKU again
        ]).Replace("Good row,", "\"Good row, with a comma\",");
        csv += $"IM{suffix}5,{TestProducts.Gtin(5)},Broken price,,,,Brand,{path},each,g,500,abc,8,,,VN,ambient,false,,,true,0\n"; // line 7

        var response = await TestProducts.ImportAsync(infra.Client("store-manager"), csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var lineErrors = problem.GetProperty("lineErrors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(3, "gtin"), (5, "tax_class"), (6, "sku"), (7, "price")], lineErrors);
        var search = await infra.Client().GetFromJsonAsync<ProductPage>($"/api/v1/products?category=rows-{suffix.ToLowerInvariant()}", Ct);
        Assert.Empty(search!.Items);
    }

    [Fact]
    public async Task Importing_again_updates_changed_rows_and_leaves_the_rest()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Upsert {suffix} > Shelf {suffix}";
        var drafts = Enumerable.Range(1, 5).Select(i => TestProducts.Draft($"UP{suffix}{i}", $"Upsert item {i}", 10_000 * i, path)).ToList();
        var manager = infra.Client("store-manager");

        var first = await TestProducts.ImportAsync(manager, TestProducts.Csv(drafts));
        var second = await TestProducts.ImportAsync(manager, TestProducts.Csv(drafts.Select((d, i) => i == 0 ? d with { Price = 99_000 } : d)));

        Assert.Equal(new Apis.ImportSummary(5, 5, 0, 0), await first.Content.ReadFromJsonAsync<Apis.ImportSummary>(Ct));
        Assert.Equal(new Apis.ImportSummary(5, 0, 1, 4), await second.Content.ReadFromJsonAsync<Apis.ImportSummary>(Ct));
        var page = await infra.Client().GetFromJsonAsync<ProductPage>($"/api/v1/products?category=shelf-{suffix.ToLowerInvariant()}&sort=-price", Ct);
        Assert.Equal(99_000, page!.Items[0].Price);
    }

    [Fact]
    public async Task An_import_of_hundreds_of_new_products_commits_although_their_cache_tags_exceed_one_notification()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Bulk {suffix} > Shelf {suffix}";
        // 400 slugs of about 70 characters: some 28 KB of tags, over PostgreSQL's 8,000-byte NOTIFY payload.
        var drafts = Enumerable.Range(1, 400)
            .Select(i => TestProducts.Draft($"BK{suffix}{i:D3}", $"Bulk imported long named organic product number {i:D3}", 10_000 + i, path)).ToList();

        var response = await TestProducts.ImportAsync(infra.Client("store-manager"), TestProducts.Csv(drafts));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(new Apis.ImportSummary(400, 400, 0, 0), await response.Content.ReadFromJsonAsync<Apis.ImportSummary>(Ct));
    }

    [Fact]
    public void Cache_tags_are_split_into_notification_payloads_under_the_limit_without_losing_one()
    {
        var tags = Enumerable.Range(0, 1_000).Select(i => $"slug:sữa-tươi-không-đường-{i:D4}").ToList();

        var payloads = Caching.CacheInvalidation.Payloads(tags);

        Assert.True(payloads.Length > 1);
        Assert.All(payloads, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) <= Caching.CacheInvalidation.MaxPayloadBytes));
        Assert.Equal(tags, payloads.SelectMany(p => p.Split(' ')));
    }

    [Fact]
    public async Task Import_needs_a_store_manager()
    {
        var response = await TestProducts.ImportAsync(infra.Client("customer"), "sku\n");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
