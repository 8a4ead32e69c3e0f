namespace Grocery.Catalog.Tests;

public sealed class ListingTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<ProductSummary>> AllPagesAsync(HttpClient client, string query, int limit = 7)
    {
        var items = new List<ProductSummary>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<ProductPage>(
                $"/api/v1/products?{query}&limit={limit}{(cursor is null ? "" : $"&cursor={cursor}")}", Ct);
            items.AddRange(page!.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task A_top_category_lists_the_products_of_its_subcategories()
    {
        var client = infra.Client();
        var tree = await client.GetFromJsonAsync<List<Apis.CategoryTreeNode>>("/api/v1/categories", Ct);
        var fruits = tree!.Single(c => c.Slug == "trai-cay");
        var childIds = fruits.Children.Select(c => c.Id).ToHashSet();

        var items = await AllPagesAsync(client, "category=trai-cay", limit: 100);

        Assert.Equal(fruits.ProductCount, items.Count);
        Assert.True(items.Count > 100);
        Assert.All(items, i => Assert.Contains(i.CategoryId, childIds));
        Assert.Equal(fruits.Children.Sum(c => c.ProductCount), fruits.ProductCount);
    }

    [Fact]
    public async Task Brand_tags_and_price_range_filters_combine()
    {
        var client = infra.Client();
        var all = await AllPagesAsync(client, "category=sua-trung", limit: 100);
        var brand = all.GroupBy(i => i.Brand).OrderByDescending(g => g.Count()).First().Key;

        var byBrand = await AllPagesAsync(client, $"category=sua-trung&brand={Uri.EscapeDataString(brand)}", limit: 100);
        var tagged = await AllPagesAsync(client, "category=sua-trung&tags=organic", limit: 100);
        var ranged = await AllPagesAsync(client, "category=sua-trung&minPrice=20000&maxPrice=40000", limit: 100);

        Assert.Equal(all.Count(i => i.Brand == brand), byBrand.Count);
        Assert.All(byBrand, i => Assert.Equal(brand, i.Brand));
        Assert.Equal(all.Count(i => i.DietaryTags.Contains("organic")), tagged.Count);
        Assert.NotEmpty(tagged);
        Assert.Equal(all.Count(i => i.Price is >= 20000 and <= 40000), ranged.Count);
        Assert.NotEmpty(ranged);
    }

    [Theory]
    [InlineData("relevance")]
    [InlineData("price")]
    [InlineData("-price")]
    [InlineData("unit_price")]
    [InlineData("name")]
    [InlineData("newest")]
    public async Task Every_sort_pages_a_category_in_its_order_without_duplicates(string sort)
    {
        // A category of the test's own with ties on every key and three creation times (three imports).
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Sorting {suffix} > Shelf {suffix}";
        var drafts = Enumerable.Range(1, 45)
            .Select(i => TestProducts.Draft($"SO{suffix}{i:D2}", $"Sorted product {i % 11:D2}", 10_000 + i % 9 * 1_000, path, popularity: i % 7)
                with { NetContent = 250 * (1 + i % 4) })
            .ToList();
        var manager = infra.Client("store-manager");
        foreach (var batch in drafts.GroupBy(d => int.Parse(d.Sku[^2..]) % 3)) await TestProducts.ImportOkAsync(manager, batch);
        var client = infra.Client();
        var category = $"shelf-{suffix.ToLowerInvariant()}";

        var items = await AllPagesAsync(client, $"category={category}&sort={sort}", limit: 9);

        Assert.Equal(drafts.Count, items.Count);
        Assert.Equal(drafts.Select(d => d.Sku).Order(), items.Select(i => i.Sku).Order());
        // Summaries do not show popularity or creation time, so those sorts are checked against the database.
        var stored = await PopularityAndCreationAsync(items.Select(i => i.Id).ToArray());
        // PostgreSQL orders uuids as their hex text; ties on the sort key fall back to the id.
        static int ById(ProductSummary a, ProductSummary b) => string.CompareOrdinal(a.Id.ToString("N"), b.Id.ToString("N"));
        for (var i = 1; i < items.Count; i++)
        {
            var (a, b) = (items[i - 1], items[i]);
            var (sa, sb) = (stored[a.Id], stored[b.Id]);
            var ordered = sort switch
            {
                "price" => a.Price < b.Price || (a.Price == b.Price && ById(a, b) < 0),
                "-price" => a.Price > b.Price || (a.Price == b.Price && ById(a, b) > 0),
                "unit_price" => a.UnitPrice < b.UnitPrice || (a.UnitPrice == b.UnitPrice && ById(a, b) < 0),
                "name" => string.CompareOrdinal(a.Name, b.Name) < 0 || (a.Name == b.Name && ById(a, b) < 0),
                "relevance" => sa.Popularity > sb.Popularity || (sa.Popularity == sb.Popularity && ById(a, b) > 0),
                "newest" => sa.CreatedAt > sb.CreatedAt || (sa.CreatedAt == sb.CreatedAt && ById(a, b) > 0),
                _ => throw new ArgumentOutOfRangeException(nameof(sort)),
            };
            Assert.True(ordered, $"{sort}: {a.Name} ({a.Price}, {sa}) came before {b.Name} ({b.Price}, {sb})");
        }
    }

    private async Task<Dictionary<Guid, (int Popularity, DateTime CreatedAt)>> PopularityAndCreationAsync(Guid[] ids)
    {
        await using var connection = new Npgsql.NpgsqlConnection(infra.Database);
        await connection.OpenAsync(Ct);
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT id, popularity, created_at FROM products WHERE id = ANY(@ids)", connection);
        cmd.Parameters.AddWithValue("ids", ids);
        var stored = new Dictionary<Guid, (int, DateTime)>(ids.Length);
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        while (await r.ReadAsync(Ct)) stored[r.GetGuid(0)] = (r.GetInt32(1), r.GetDateTime(2));
        return stored;
    }

    // Multipliers coprime to 61 turn products 1..60 into a different permutation of 60 prices each round.
    private static readonly int[] Reshuffles = [7, 11, 23, 5, 41, 17, 29, 3, 53, 13];

    private static decimal ShuffledPrice(int product, int round) => 10_000 + (product * Reshuffles[round % Reshuffles.Length] % 61) * 100;

    [Theory]
    [InlineData("name")]
    [InlineData("price")]
    [InlineData("-price")]
    [InlineData("unit_price")]
    public async Task Cursor_paging_has_no_duplicate_or_gap_while_prices_change_underneath(string sort)
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Paging {suffix} > Aisle {suffix}";
        var drafts = Enumerable.Range(1, 60)
            .Select(i => TestProducts.Draft($"PG{suffix}{i:D2}", $"Paging product {i:D2}", ShuffledPrice(i, 0), path, popularity: i))
            .ToList();
        var manager = infra.Client("store-manager");
        await TestProducts.ImportOkAsync(manager, drafts);
        var client = infra.Client();
        var category = $"aisle-{suffix.ToLowerInvariant()}";
        // The order the listing had when its first page was read: 500 g packs, so unit price follows price.
        var snapshotOrder = sort switch
        {
            "name" => drafts.OrderBy(d => d.Name, StringComparer.Ordinal),
            "-price" => drafts.OrderByDescending(d => d.Price),
            _ => drafts.OrderBy(d => d.Price),
        };

        var seen = new List<ProductSummary>();
        string? cursor = null;
        var round = 0;
        do
        {
            var page = await client.GetFromJsonAsync<ProductPage>(
                $"/api/v1/products?category={category}&sort={sort}&limit=8{(cursor is null ? "" : $"&cursor={cursor}")}", Ct);
            seen.AddRange(page!.Items);
            cursor = page.NextCursor;
            // Reprice every product, including those on pages not read yet, up and down between page reads.
            round++;
            await TestProducts.ImportOkAsync(manager, drafts.Select((d, i) => d with { Price = ShuffledPrice(i + 1, round) }));
        } while (cursor is not null);

        Assert.Equal(60, seen.Count);
        Assert.Equal(60, seen.Select(i => i.Sku).Distinct().Count());
        Assert.Equal(drafts.Select(d => d.Sku).Order(), seen.Select(s => s.Sku).Order());
        Assert.Equal(snapshotOrder.Select(d => d.Sku), seen.Select(s => s.Sku));
        // Items still show today's price: the snapshot only orders the pages.
        Assert.Equal(drafts.Select((d, i) => (d.Sku, ShuffledPrice(i + 1, round - 1))).ToDictionary()[seen[^1].Sku], seen[^1].Price);
    }

    [Fact]
    public async Task A_price_range_keeps_the_products_that_were_in_it_when_the_first_page_was_read()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Ranged {suffix} > Aisle {suffix}";
        var drafts = Enumerable.Range(1, 40)
            .Select(i => TestProducts.Draft($"RG{suffix}{i:D2}", $"Ranged product {i:D2}", ShuffledPrice(i, 0), path))
            .ToList();
        var manager = infra.Client("store-manager");
        await TestProducts.ImportOkAsync(manager, drafts);
        var client = infra.Client();
        const string range = "minPrice=11000&maxPrice=14000";
        var inRangeAtStart = drafts.Where(d => d.Price is >= 11_000 and <= 14_000).OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => d.Sku);

        var seen = new List<ProductSummary>();
        string? cursor = null;
        var round = 0;
        do
        {
            var page = await client.GetFromJsonAsync<ProductPage>(
                $"/api/v1/products?category=aisle-{suffix.ToLowerInvariant()}&sort=name&{range}&limit=4{(cursor is null ? "" : $"&cursor={cursor}")}", Ct);
            seen.AddRange(page!.Items);
            cursor = page.NextCursor;
            // Products move into and out of the range between page reads.
            round++;
            await TestProducts.ImportOkAsync(manager, drafts.Select((d, i) => d with { Price = ShuffledPrice(i + 1, round) }));
        } while (cursor is not null);

        Assert.Equal(inRangeAtStart, seen.Select(s => s.Sku));
    }

    [Fact]
    public async Task A_batch_by_ids_returns_the_products_in_the_requested_order()
    {
        var client = infra.Client();
        var page = await client.GetFromJsonAsync<ProductPage>("/api/v1/products?category=rau-cu&limit=5", Ct);
        var ids = page!.Items.Select(i => i.Id).Reverse().ToList();

        var batch = await client.GetFromJsonAsync<ProductPage>($"/api/v1/products?ids={string.Join(',', ids)}", Ct);

        Assert.Equal(ids, batch!.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_batch_by_skus_returns_the_products_in_the_requested_order_and_leaves_out_an_unknown_sku()
    {
        var client = infra.Client();
        var page = await client.GetFromJsonAsync<ProductPage>("/api/v1/products?category=rau-cu&limit=5", Ct);
        var skus = page!.Items.Select(i => i.Sku).Reverse().ToList();

        var batch = await client.GetFromJsonAsync<ProductPage>($"/api/v1/products?skus={string.Join(',', skus.Prepend("NO-SUCH-SKU"))}", Ct);

        Assert.Equal(skus, batch!.Items.Select(i => i.Sku));
        Assert.Equal(page.Items.Select(i => i.Name).Reverse(), batch.Items.Select(i => i.Name));
        Assert.Null(batch.NextCursor);
    }

    [Fact]
    public async Task Bad_listing_parameters_are_a_validation_problem_naming_the_field()
    {
        var client = infra.Client();

        var response = await client.GetAsync("/api/v1/products?sort=cheapest&limit=1000&cursor=zzz", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("sort", out _));
        Assert.True(errors.TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task A_public_listing_has_an_etag_and_answers_304_when_it_matches()
    {
        var client = infra.Client();
        var first = await client.GetAsync("/api/v1/products?category=thit&sort=price", Ct);
        var etag = first.Headers.ETag!;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/products?category=thit&sort=price");
        conditional.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(conditional, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("public", first.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task The_category_tree_keeps_id_name_slug_and_children()
    {
        var client = infra.Client();

        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/categories", Ct);

        Assert.InRange(json.GetArrayLength(), 15, 40);
        // Other tests add small categories of their own, so look at the generated top category with most children.
        var first = json.EnumerateArray().MaxBy(c => c.GetProperty("children").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.String, first.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.String, first.GetProperty("slug").ValueKind);
        Assert.True(first.GetProperty("children").GetArrayLength() > 5);
        Assert.True(first.GetProperty("productCount").GetInt32() > 0);
    }
}
