namespace Grocery.Catalog.Tests;

public sealed class SearchTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SearchResults> SearchAsync(string q, string extra = "") =>
        (await infra.Client().GetFromJsonAsync<SearchResults>($"/api/v1/search?q={Uri.EscapeDataString(q)}{extra}", Ct))!;

    [Theory]
    [InlineData("sua tuoi", "Sữa tươi")]
    [InlineData("ca phe", "Cà phê")]
    [InlineData("Sữa Tươi", "Sữa tươi")]
    public async Task Search_ignores_vietnamese_accents(string query, string expectedNameStart)
    {
        var results = await SearchAsync(query);

        Assert.NotEmpty(results.Items);
        Assert.StartsWith(expectedNameStart, results.Items[0].Name);
        Assert.All(results.Items.Take(10), i => Assert.StartsWith(expectedNameStart, i.Name));
    }

    [Theory]
    [InlineData("bananna", "Banana")]
    [InlineData("banan", "Banana")]
    [InlineData("apel", "Apple")]
    public async Task Search_forgives_typos(string query, string expected)
    {
        var results = await SearchAsync(query);

        Assert.NotEmpty(results.Items);
        Assert.All(results.Items.Take(10), i => Assert.Contains(expected, i.NameEn));
    }

    [Fact]
    public async Task A_name_match_ranks_above_a_description_match()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Ranking {suffix} > Grains {suffix}";
        var word = "quinoaz" + suffix[..4];
        await TestProducts.ImportOkAsync(infra.Client("store-manager"),
        [
            TestProducts.Draft($"RK{suffix}1", "Granola mix", 50_000, path, description: $"With {word} and oats", popularity: 9_999),
            TestProducts.Draft($"RK{suffix}2", $"Hạt {word} trắng", 80_000, path, description: "Whole grain", popularity: 1),
        ]);

        var results = await SearchAsync(word);

        Assert.Equal([$"RK{suffix}2", $"RK{suffix}1"], results.Items.Select(i => i.Sku));
    }

    [Fact]
    public async Task A_word_only_in_the_english_description_finds_the_product_below_name_matches()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"English {suffix} > Teas {suffix}";
        var word = "oolongz" + suffix[..4];
        await TestProducts.ImportOkAsync(infra.Client("store-manager"),
        [
            TestProducts.Draft($"EN{suffix}1", "Trà xanh", 40_000, path, description: "Trà Thái Nguyên", popularity: 9_999)
                with { DescriptionEn = $"Green tea, not {word}" },
            TestProducts.Draft($"EN{suffix}2", $"Trà {word}", 90_000, path, description: "Trà Đài Loan", popularity: 1),
        ]);

        var results = await SearchAsync(word);

        Assert.Equal([$"EN{suffix}2", $"EN{suffix}1"], results.Items.Select(i => i.Sku));
    }

    [Fact]
    public async Task An_exact_sku_or_gtin_finds_that_product_first()
    {
        var client = infra.Client();
        var page = await client.GetFromJsonAsync<ProductPage>("/api/v1/products?category=gia-vi&limit=1", Ct);
        var product = page!.Items[0];
        var detail = await client.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{product.Slug}", Ct);

        var bySku = await SearchAsync(product.Sku.ToLowerInvariant());
        var byGtin = await SearchAsync(detail!.Gtin);

        Assert.Equal(product.Id, bySku.Items[0].Id);
        Assert.Equal(product.Id, byGtin.Items[0].Id);
    }

    [Fact]
    public async Task Filters_combine_with_the_query()
    {
        var client = infra.Client();
        var tree = await client.GetFromJsonAsync<List<Apis.CategoryTreeNode>>("/api/v1/categories", Ct);
        var dairy = tree!.Single(c => c.Slug == "sua-trung").Children.Select(c => c.Id).ToHashSet();

        var unfiltered = await SearchAsync("sua", "&limit=100");
        var results = await SearchAsync("sua", "&category=sua-trung&maxPrice=60000&limit=100");

        Assert.Contains(unfiltered.Items, i => !dairy.Contains(i.CategoryId) || i.Price > 60_000);
        Assert.NotEmpty(results.Items);
        Assert.All(results.Items, i =>
        {
            Assert.Contains(i.CategoryId, dairy);
            Assert.True(i.Price <= 60_000);
            Assert.Contains("sua", Domain.ProductRules.Fold(i.Name));
        });
    }

    [Fact]
    public async Task Suggest_completes_a_prefix_with_product_names()
    {
        var suggestions = await infra.Client().GetFromJsonAsync<Suggestions>("/api/v1/search/suggest?q=thanh%20lo", Ct);

        Assert.InRange(suggestions!.Items.Count, 1, 8);
        Assert.StartsWith("Thanh long", suggestions.Items[0].Name);
    }

    [Fact]
    public async Task Suggest_completes_from_names_and_leaves_description_only_matches_out()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Suggest {suffix} > Seeds {suffix}";
        var word = "chiaseedz" + suffix[..4];
        await TestProducts.ImportOkAsync(infra.Client("store-manager"),
        [
            TestProducts.Draft($"SG{suffix}1", "Granola mix", 50_000, path, description: $"With {word} and oats", popularity: 9_999),
            TestProducts.Draft($"SG{suffix}2", $"Hạt {word} đen", 80_000, path, description: "Whole seeds", popularity: 1),
        ]);

        var suggestions = await infra.Client().GetFromJsonAsync<Suggestions>($"/api/v1/search/suggest?q={word[..^1]}", Ct);
        var search = await SearchAsync(word[..^1]);

        Assert.Equal([$"SG{suffix}2"], suggestions!.Items.Select(i => i.Sku));
        Assert.Equal([$"SG{suffix}2", $"SG{suffix}1"], search.Items.Select(i => i.Sku));
    }

    [Fact]
    public async Task A_size_with_a_decimal_point_is_searched_as_the_catalog_spells_it()
    {
        var suffix = TestProducts.UniqueSuffix();
        var path = $"Sizes {suffix} > Water {suffix}";
        var brand = "Springz" + suffix[..4];
        await TestProducts.ImportOkAsync(infra.Client("store-manager"),
        [
            TestProducts.Draft($"SZ{suffix}1", $"Nước suối {brand} 1.5L", 9_000, path, popularity: 1),
            TestProducts.Draft($"SZ{suffix}2", $"Nước suối {brand} 500ml", 5_000, path, popularity: 9_999),
        ]);

        var results = await SearchAsync($"{brand.ToLowerInvariant()} 1.5l");

        Assert.Equal([$"SZ{suffix}1"], results.Items.Select(i => i.Sku));
    }

    [Fact]
    public async Task An_empty_query_is_a_validation_problem()
    {
        var response = await infra.Client().GetAsync("/api/v1/search?q=%20%21", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"q\"", await response.Content.ReadAsStringAsync(Ct));
    }
}
