namespace Grocery.Catalog.Tests;

public sealed class AdminTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> AnySubcategoryIdAsync()
    {
        var tree = await infra.Client().GetFromJsonAsync<List<Apis.CategoryTreeNode>>("/api/v1/categories", Ct);
        return tree!.First(c => c.Slug == "gao-do-kho").Children[0].Id;
    }

    private static object NewProduct(string sku, int categoryId, string? gtin = null) => new
    {
        sku, gtin = gtin ?? TestProducts.Gtin(Math.Abs((long)sku.GetHashCode())), name = $"Gạo thử nghiệm {sku}", nameEn = "Test rice",
        description = "Gạo thơm", brand = "Test Farm", categoryId, soldBy = "each", unit = "kg", netContent = 5, price = 150_000,
        taxClass = 5, storage = "ambient", perishable = false,
    };

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string url, EntityTagHeaderValue? etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null) request.Headers.IfMatch.Add(etag);
        return request;
    }

    [Fact]
    public async Task A_store_manager_creates_reprices_updates_and_deactivates_a_product()
    {
        var manager = infra.Client("store-manager");
        var sku = "AD" + TestProducts.UniqueSuffix();
        var categoryId = await AnySubcategoryIdAsync();

        var created = await manager.PostAsJsonAsync("/api/v1/products", NewProduct(sku, categoryId), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = (await created.Content.ReadFromJsonAsync<ProductDetail>(Ct))!;
        Assert.Equal(30_000, product.UnitPrice);
        Assert.Equal("kg", product.UnitPriceUnit);

        var repriced = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}/price", created.Headers.ETag, new { price = 135_000 }), Ct);
        Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        var updated = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}", repriced.Headers.ETag,
            NewProduct(sku, categoryId, product.Gtin)), Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var deactivated = await manager.SendAsync(WithIfMatch(HttpMethod.Post, $"/api/v1/products/{product.Id}/deactivate", updated.Headers.ETag), Ct);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);

        var publicView = await infra.Client().GetAsync($"/api/v1/products/{product.Slug}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, publicView.StatusCode);
        var final = (await deactivated.Content.ReadFromJsonAsync<ProductDetail>(Ct))!;
        Assert.False(final.IsActive);
        Assert.Equal(150_000, final.Price);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_with_412_and_changes_nothing()
    {
        var manager = infra.Client("store-manager");
        var sku = "ST" + TestProducts.UniqueSuffix();
        var created = await manager.PostAsJsonAsync("/api/v1/products", NewProduct(sku, await AnySubcategoryIdAsync()), Ct);
        var product = (await created.Content.ReadFromJsonAsync<ProductDetail>(Ct))!;
        var firstWrite = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}/price", created.Headers.ETag, new { price = 140_000 }), Ct);
        Assert.Equal(HttpStatusCode.OK, firstWrite.StatusCode);

        var stale = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}/price", created.Headers.ETag, new { price = 120_000 }), Ct);
        var missing = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}/price", null, new { price = 120_000 }), Ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        var current = await manager.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{product.Id}", Ct);
        Assert.Equal(140_000, current!.Price);
    }

    [Fact]
    public async Task Retried_creates_and_price_changes_answer_as_the_first_attempt_did()
    {
        var manager = infra.Client("store-manager");
        var sku = "RT" + TestProducts.UniqueSuffix();
        var body = NewProduct(sku, await AnySubcategoryIdAsync());
        var created = await manager.PostAsJsonAsync("/api/v1/products", body, Ct);
        var retriedCreate = await manager.PostAsJsonAsync("/api/v1/products", body, Ct);
        var product = (await created.Content.ReadFromJsonAsync<ProductDetail>(Ct))!;

        var reprice = () => manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}/price", created.Headers.ETag, new { price = 145_000 }), Ct);
        var first = await reprice();
        var retried = await reprice();

        Assert.Equal(HttpStatusCode.Created, retriedCreate.StatusCode);
        Assert.Equal(product.Id, (await retriedCreate.Content.ReadFromJsonAsync<ProductDetail>(Ct))!.Id);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(first.Headers.ETag, retried.Headers.ETag);
    }

    [Fact]
    public async Task Invalid_products_are_a_validation_problem_naming_each_field()
    {
        var manager = infra.Client("store-manager");
        var categoryId = await AnySubcategoryIdAsync();
        object Body(string storage) => new
        {
            sku = "BAD 1", gtin = "8930000000011", name = "", brand = "X", categoryId, soldBy = "weight", unit = "g",
            netContent = 1, price = 1000.5, taxClass = 7, storage,
        };
        var body = Body("warm");

        var response = await manager.PostAsJsonAsync("/api/v1/products", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("storage", out _));
        var second = await manager.PostAsJsonAsync("/api/v1/products", Body("ambient"), Ct);
        var fields = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string> { "sku", "gtin", "name", "unit", "price", "taxClass" }, fields.ToHashSet());
    }

    [Fact]
    public async Task Writes_need_a_store_manager()
    {
        var anonymous = await infra.Client().PostAsJsonAsync("/api/v1/products", new { }, Ct);
        var customer = await infra.Client("customer").PostAsJsonAsync("/api/v1/products", new { }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
    }
}
