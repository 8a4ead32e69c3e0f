using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Grocery.Catalog.Domain;
using Grocery.Catalog.Importing;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Catalog.Tests;

/// <summary>Every request field and query parameter is checked against the limits of what Catalog stores; a refused request writes nothing.</summary>
public sealed class RequestLimitsTests(CatalogInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Long(int length, char c = 'x') => new(c, length);

    private static string Quoted(string value) => JsonSerializer.Serialize(value);

    private static string Array(int count, Func<int, string> element) =>
        "[" + string.Join(',', Enumerable.Range(0, count).Select(i => Quoted(element(i)))) + "]";

    /// <summary>A JSON object merged into a valid product, and the field the refusal must name.</summary>
    public static TheoryData<string, string> BadProducts => new()
    {
        { $$"""{"sku":{{Quoted(Long(CatalogLimits.SkuMaxLength + 1, 'S'))}}}""", "sku" },
        { """{"gtin":"8930000000000"}""", "gtin" },
        { $$"""{"name":{{Quoted(Long(CatalogLimits.NameMaxLength + 1, 'ạ'))}}}""", "name" },
        { """{"name":"Gạo\u0000ST25"}""", "name" },
        { """{"name":"Gạo\udc00ST25"}""", "name" },
        { """{"name":null}""", "name" },
        { $$"""{"nameEn":{{Quoted(Long(CatalogLimits.NameMaxLength + 1))}}}""", "nameEn" },
        { """{"nameEn":"Rice\u0001"}""", "nameEn" },
        { $$"""{"description":{{Quoted(Long(CatalogLimits.DescriptionMaxLength + 1))}}}""", "description" },
        { """{"description":"Thơm\u0000dẻo"}""", "description" },
        { $$"""{"descriptionEn":{{Quoted(Long(CatalogLimits.DescriptionMaxLength + 1))}}}""", "descriptionEn" },
        { $$"""{"brand":{{Quoted(Long(CatalogLimits.BrandMaxLength + 1))}}}""", "brand" },
        { """{"brand":"Farm\u0007"}""", "brand" },
        { """{"netContent":0.0000001}""", "netContent" },
        { """{"netContent":1.0005}""", "netContent" },
        { """{"netContent":100001}""", "netContent" },
        { """{"netContent":0}""", "netContent" },
        { """{"netContent":-5}""", "netContent" },
        { """{"netContent":0.001,"unit":"g","price":100000000}""", "netContent" },
        { """{"price":100000001}""", "price" },
        { """{"price":1.5}""", "price" },
        { """{"price":0}""", "price" },
        { """{"price":1e20}""", "price" },
        { """{"taxClass":7}""", "taxClass" },
        { """{"taxClass":null}""", "taxClass" },
        { """{"dietaryTags":[null]}""", "dietaryTags[0]" },
        { """{"dietaryTags":["vegan","halal\u0000"]}""", "dietaryTags[1]" },
        { """{"dietaryTags":[""]}""", "dietaryTags[0]" },
        { $$"""{"dietaryTags":[{{Quoted(Long(CatalogLimits.TagMaxLength + 1, 't'))}}]}""", "dietaryTags[0]" },
        { $$"""{"dietaryTags":{{Array(CatalogLimits.MaxTagsPerProduct + 1, i => $"tag{i}")}}}""", "dietaryTags" },
        { """{"allergens":[null]}""", "allergens[0]" },
        { """{"images":[null]}""", "images[0]" },
        { """{"images":["not a url"]}""", "images[0]" },
        { """{"images":["https://img.grocery.local/a.jpg","javascript:alert(1)"]}""", "images[1]" },
        { $$"""{"images":[{{Quoted("https://img.grocery.local/" + Long(CatalogLimits.ImageUrlMaxLength))}}]}""", "images[0]" },
        { $$"""{"images":{{Array(CatalogLimits.MaxImagesPerProduct + 1, i => $"https://img.grocery.local/{i}.jpg")}}}""", "images" },
        { """{"countryOfOrigin":"VNM"}""", "countryOfOrigin" },
        { """{"shelfLifeDays":3651}""", "shelfLifeDays" },
        { """{"shelfLifeDays":-1}""", "shelfLifeDays" },
        { """{"storage":"9"}""", "storage" },
        { """{"soldBy":"box"}""", "soldBy" },
        { """{"unit":"oz"}""", "unit" },
        { """{"categoryId":2147483647}""", "categoryId" },
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task A_product_outside_the_limits_is_refused_naming_the_field_on_create_and_update_and_nothing_is_written(string patch, string field)
    {
        var manager = infra.Client("store-manager");
        var existing = await CreateAsync(manager, ValidProduct(await CategoryIdAsync()));
        var fresh = ValidProduct(await CategoryIdAsync());
        var update = ValidProduct(await CategoryIdAsync(), existing.Sku, existing.Gtin);
        var putRequest = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/products/{existing.Id}") { Content = JsonBodies.Patched(update, patch) };
        putRequest.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{existing.Version}\""));

        var created = await manager.PostAsync("/api/v1/products", JsonBodies.Patched(fresh, patch), Ct);
        var updated = await manager.SendAsync(putRequest, Ct);

        await AssertNamesAsync(created, field);
        await AssertNamesAsync(updated, field);
        var patched = JsonDocument.Parse(patch).RootElement;
        var sku = (patched.TryGetProperty("sku", out var s) ? s.GetString()! : fresh["sku"]!.GetValue<string>()).Trim().ToUpperInvariant();
        var gtin = patched.TryGetProperty("gtin", out var g) ? g.GetString()! : fresh["gtin"]!.GetValue<string>();
        Assert.False(await WithDbAsync(db => db.Products.AnyAsync(p => p.Sku == sku || p.Gtin == gtin, Ct)));
        var after = await manager.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{existing.Id}", Ct);
        Assert.Equal(existing.Version, after!.Version);
        Assert.Equal(existing.Name, after.Name);
    }

    [Fact]
    public async Task A_product_at_every_limit_is_stored_found_by_its_slug_and_refuses_a_price_whose_unit_price_would_not_fit()
    {
        var manager = infra.Client("store-manager");
        var body = ValidProduct(await CategoryIdAsync());
        var sku = body["sku"]!.GetValue<string>();
        body["sku"] = sku + Long(CatalogLimits.SkuMaxLength - sku.Length, 'X');
        body["name"] = "Gạo " + Long(CatalogLimits.NameMaxLength - 4, 'ạ');
        body["nameEn"] = Long(CatalogLimits.NameMaxLength, 'r');
        body["description"] = "Dòng một\nDòng hai\t" + Long(CatalogLimits.DescriptionMaxLength - 18, 'd');
        body["brand"] = Long(CatalogLimits.BrandMaxLength, 'b');
        body["netContent"] = CatalogLimits.MinNetContent;
        body["unit"] = "g";
        body["price"] = 99_999_999;
        body["dietaryTags"] = JsonNode.Parse(Array(CatalogLimits.MaxTagsPerProduct, i => $"tag{i:D2}" + Long(CatalogLimits.TagMaxLength - 5, 't')));
        body["images"] = JsonNode.Parse(Array(CatalogLimits.MaxImagesPerProduct,
            i => $"https://img.grocery.local/{i:D2}/" + Long(CatalogLimits.ImageUrlMaxLength - 30, 'i')));
        body["shelfLifeDays"] = CatalogLimits.MaxShelfLifeDays;
        body["perishable"] = true;

        var product = await CreateAsync(manager, body);
        var repriced = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}/price", product.Version,
            new JsonObject { ["price"] = CatalogLimits.MaxPrice }), Ct);

        Assert.Equal(99_999_999_000_000m, product.UnitPrice);
        Assert.Equal(CatalogLimits.MaxTagsPerProduct, product.DietaryTags.Length);
        Assert.Equal(body["description"]!.GetValue<string>(), product.Description);
        var bySlug = await infra.Client().GetFromJsonAsync<ProductDetail>($"/api/v1/products/{product.Slug}", Ct);
        Assert.Equal(product.Id, bySlug!.Id);
        await AssertNamesAsync(repriced, "price");
        Assert.Equal(99_999_999m, (await manager.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{product.Id}", Ct))!.Price);
    }

    [Theory]
    [InlineData("100000001")]
    [InlineData("0.5")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("null")]
    public async Task A_price_change_outside_the_limits_is_refused_naming_the_price_and_the_price_is_kept(string price)
    {
        var manager = infra.Client("store-manager");
        var product = await CreateAsync(manager, ValidProduct(await CategoryIdAsync()));

        var response = await manager.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/products/{product.Id}/price", product.Version,
            new JsonObject { ["price"] = JsonNode.Parse(price) }), Ct);

        await AssertNamesAsync(response, "price");
        Assert.Equal(product.Price, (await manager.GetFromJsonAsync<ProductDetail>($"/api/v1/products/{product.Id}", Ct))!.Price);
    }

    public static TheoryData<string, string> BadImportRows => new()
    {
        { "name=Gạo\u0000ST25", "name" },
        { "net_content=0.0001", "net_content" },
        { "net_content=0.001;unit=g;price=100000000", "net_content" },
        { "price=100000001", "price" },
        { "dietary_tags=" + Long(CatalogLimits.TagMaxLength + 1, 't'), "dietary_tags[0]" },
        { "images=ftp://img.grocery.local/a.jpg", "images[0]" },
        { "category_path=!!! > ???", "category_path" },
        { "category_path=A > B > C > D", "category_path" },
        { "brand=" + Long(CatalogLimits.BrandMaxLength + 1), "brand" },
        { "description=Thơm\u0001", "description" },
        { "shelf_life_days=3651", "shelf_life_days" },
        { "tax_class=7", "tax_class" },
    };

    [Theory]
    [MemberData(nameof(BadImportRows))]
    public async Task An_import_line_outside_the_limits_is_reported_by_line_and_column_and_nothing_is_imported(string change, string column)
    {
        var suffix = TestProducts.UniqueSuffix();
        var good = TestProducts.Draft("LG" + suffix, "Gạo tốt", 50_000, $"Limits {suffix} > Import {suffix}");
        var bad = TestProducts.Draft("LB" + suffix, "Gạo lỗi", 50_000, $"Limits {suffix} > Import {suffix}");
        foreach (var assignment in change.Split(';'))
        {
            var (name, value) = (assignment[..assignment.IndexOf('=')], assignment[(assignment.IndexOf('=') + 1)..]);
            bad = name switch
            {
                "name" => bad with { Name = value },
                "net_content" => bad with { NetContent = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "unit" => bad with { Unit = value },
                "price" => bad with { Price = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "dietary_tags" => bad with { DietaryTags = [value] },
                "images" => bad with { Images = [value] },
                "category_path" => bad with { CategoryPath = value },
                "brand" => bad with { Brand = value },
                "description" => bad with { Description = value },
                "shelf_life_days" => bad with { ShelfLifeDays = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "tax_class" => bad with { TaxClass = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException(name),
            };
        }
        var manager = infra.Client("store-manager");

        var response = await TestProducts.ImportAsync(manager, TestProducts.Csv([good, bad]));

        await AssertNamesAsync(response, $"line 3: {column}");
        Assert.False(await WithDbAsync(db => db.Products.AnyAsync(p => p.Sku == good.Sku || p.Sku == bad.Sku, Ct)));
    }

    /// <summary>A query string and the parameter the refusal must name; each is tried on listings, search and suggestions where it applies.</summary>
    public static TheoryData<string, string> BadQueries => new()
    {
        { "limit=0", "limit" },
        { "limit=101", "limit" },
        { "limit=ten", "limit" },
        { "sort=cheapest", "sort" },
        { "minPrice=-1", "minPrice" },
        { "minPrice=1e5", "minPrice" },
        { "minPrice=79228162514264337593543950336", "minPrice" },
        { "maxPrice=100000000000000", "maxPrice" },
        { "minPrice=500&maxPrice=100", "maxPrice" },
        { "category=gao%00", "category" },
        { "category=" + Long(CatalogLimits.CategorySlugMaxLength + 1, 'c'), "category" },
        { "brand=acecook%00", "brand" },
        { "brand=" + Long(CatalogLimits.BrandMaxLength + 1, 'b'), "brand" },
        { "brand=" + string.Join(',', Enumerable.Range(0, CatalogLimits.MaxFilterValues + 1).Select(i => $"b{i}")), "brand" },
        { "tags=vegan%01", "tags" },
        { "tags=" + Long(CatalogLimits.TagMaxLength + 1, 't'), "tags" },
        { "inStock=maybe", "inStock" },
        { "inStock=true", "warehouse" },
        { "warehouse=abc", "warehouse" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_listing_search_or_suggestion_with_a_parameter_outside_the_limits_is_refused_naming_it(string query, string parameter)
    {
        var client = infra.Client();

        await AssertNamesAsync(await client.GetAsync($"/api/v1/products?{query}", Ct), parameter);
        await AssertNamesAsync(await client.GetAsync($"/api/v1/search?q=gao&{query}", Ct), parameter);
        if (parameter != "warehouse") await AssertNamesAsync(await client.GetAsync($"/api/v1/search/suggest?q=gao&{query}", Ct), parameter);
    }

    [Theory]
    [InlineData("ids=abc", "ids")]
    [InlineData("ids=", "ids")]
    [InlineData("skus=", "skus")]
    [InlineData("skus=GR000001,GR%20001", "skus")]
    [InlineData("skus=GR000001;DROP", "skus")]
    [InlineData("q=gao%00", "q")]
    [InlineData("q=%01gao", "q")]
    [InlineData("q=", "q")]
    [InlineData("q=...", "q")]
    public async Task A_batch_read_or_search_text_outside_the_limits_is_refused_naming_it(string query, string parameter)
    {
        var client = infra.Client();
        var path = parameter is "ids" or "skus" ? "/api/v1/products" : "/api/v1/search";

        await AssertNamesAsync(await client.GetAsync($"{path}?{query}", Ct), parameter);
        if (parameter == "q") await AssertNamesAsync(await client.GetAsync($"/api/v1/search/suggest?{query}", Ct), parameter);
    }

    [Fact]
    public async Task Overlong_search_text_and_batches_are_refused_naming_them()
    {
        var client = infra.Client();
        var ids = string.Join(',', Enumerable.Range(0, CatalogLimits.MaxBatch + 1).Select(_ => Guid.NewGuid()));

        await AssertNamesAsync(await client.GetAsync($"/api/v1/search?q={Long(CatalogLimits.SearchTextMaxLength + 1, 'g')}", Ct), "q");
        await AssertNamesAsync(await client.GetAsync($"/api/v1/products?ids={ids}", Ct), "ids");
        var skus = string.Join(',', Enumerable.Range(0, CatalogLimits.MaxBatch + 1).Select(i => $"GR{i:000000}"));
        await AssertNamesAsync(await client.GetAsync($"/api/v1/products?skus={skus}", Ct), "skus");
        await AssertNamesAsync(await client.GetAsync($"/api/v1/products?skus={Long(CatalogLimits.SkuMaxLength + 1, 'A')}", Ct), "skus");
    }

    /// <summary>A sort and the text of a cursor a client made up: garbage, another sort's, or a key or snapshot out of range.</summary>
    public static TheoryData<string, string> ForgedCursors
    {
        get
        {
            var id = Guid.NewGuid().ToString("N");
            return new()
            {
                { "newest", $"5|{long.MaxValue}|{id}|" },
                { "newest", $"5|-1|{id}|" },
                { "newest", $"5|{DateTime.MaxValue.Ticks + 1}|{id}|" },
                { "name", $"4|Gạo\u0000|{id}|" },
                { "name", $"4|{Long(CatalogLimits.NameMaxLength + 1)}|{id}|" },
                { "name", $"0|5|{id}|" },
                { "relevance", $"0|five|{id}|" },
                { "relevance", $"0|5|not-an-id|" },
                { "relevance", "0|5" },
                { "price", $"1|1e5|{id}|" },
                { "price", $"1|-100|{id}|" },
                { "price", $"1|100000000000000|{id}|" },
                { "price", $"1|100|{id}|0:1:" },
                { "price", $"1|100|{id}|5:3:" },
                { "price", $"1|100|{id}|3:10:2" },
                { "price", $"1|100|{id}|3:10:7,5" },
                { "price", $"1|100|{id}|3:10:10" },
                { "price", $"1|100|{id}|99999999999999999999:99999999999999999999:" },
                { "unit_price", $"3|100|{id}|1:2:\n" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(ForgedCursors))]
    public async Task A_forged_cursor_is_refused_naming_the_cursor(string sort, string text)
    {
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

        var response = await infra.Client().GetAsync($"/api/v1/products?sort={sort}&cursor={cursor}", Ct);

        await AssertNamesAsync(response, "cursor");
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("_w")]
    [InlineData("OVERLONG")]
    public async Task A_cursor_that_is_not_base64url_utf8_or_is_too_long_is_refused_naming_the_cursor(string cursor)
    {
        if (cursor == "OVERLONG") cursor = Long(CatalogLimits.CursorMaxLength + 1, 'A');

        var response = await infra.Client().GetAsync($"/api/v1/products?sort=name&cursor={cursor}", Ct);

        await AssertNamesAsync(response, "cursor");
    }

    [Fact]
    public async Task A_name_listing_pages_through_names_that_hold_the_cursor_separator()
    {
        var suffix = TestProducts.UniqueSuffix();
        var category = $"Pipes {suffix}";
        var names = new[] { "Ống|A", "Ống|B|", "Ống||C" };
        await TestProducts.ImportOkAsync(infra.Client("store-manager"),
            names.Select((n, i) => TestProducts.Draft($"LP{i}{suffix}", n, 20_000, $"Limits {suffix} > {category}")));
        var client = infra.Client();
        var seen = new List<string>();
        string? cursor = null;

        do
        {
            var response = await client.GetAsync(
                $"/api/v1/products?category={ProductRules.Slugify(category)}&sort=name&limit=1{(cursor is null ? "" : $"&cursor={cursor}")}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Content.ReadFromJsonAsync<ProductPage>(Ct))!;
            seen.AddRange(page.Items.Select(i => i.Name));
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(names.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_slug_longer_than_any_slug_or_holding_a_control_character_is_refused_and_an_impossible_one_is_not_found()
    {
        var client = infra.Client();

        await AssertNamesAsync(await client.GetAsync($"/api/v1/products/{Long(CatalogLimits.SlugMaxLength + 1, 's')}", Ct), "slug");
        await AssertNamesAsync(await client.GetAsync("/api/v1/products/gao%01st25", Ct), "slug");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/products/GAO-ST25", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/products/{Long(CatalogLimits.SlugMaxLength, 's')}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("multipart/form-data", "sku,gtin\n")]
    [InlineData("multipart/form-data; boundary=xyz", "not a multipart body")]
    [InlineData("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nsku")]
    public async Task An_import_form_that_cannot_be_read_is_refused_naming_the_file(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await infra.Client("store-manager").PostAsync("/api/v1/products/import", content, Ct);

        await AssertNamesAsync(response, "file");
    }

    /// <summary>
    /// A shelf of the sample catalog, which the infrastructure imports before any test (so its ids are the lowest).
    /// Not the tree's first shelf: other tests' own categories sort among the sample ones, and products put there
    /// spoiled their listings (the cache invalidation tests found 24 of these in a shelf they expected to hold one).
    /// </summary>
    private async Task<int> CategoryIdAsync()
    {
        var tree = await infra.Client().GetFromJsonAsync<List<Apis.CategoryTreeNode>>("/api/v1/categories", Ct);
        return tree!.Where(c => c.Children.Count > 0).MinBy(c => c.Id)!.Children.MinBy(c => c.Id)!.Id;
    }

    private static JsonObject ValidProduct(int categoryId, string? sku = null, string? gtin = null)
    {
        sku ??= "LM" + TestProducts.UniqueSuffix();
        return new JsonObject
        {
            ["sku"] = sku, ["gtin"] = gtin ?? TestProducts.Gtin(Math.Abs((long)sku.GetHashCode()) + 7), ["name"] = $"Gạo giới hạn {sku}",
            ["nameEn"] = "Limit rice", ["description"] = "Gạo thơm", ["brand"] = "Test Farm", ["categoryId"] = categoryId, ["soldBy"] = "each",
            ["unit"] = "kg", ["netContent"] = 5, ["price"] = 150_000, ["taxClass"] = 5, ["storage"] = "ambient", ["perishable"] = false,
            ["dietaryTags"] = new JsonArray("vegan"), ["allergens"] = new JsonArray(), ["images"] = new JsonArray("https://img.grocery.local/rice.jpg"),
            ["countryOfOrigin"] = "VN",
        };
    }

    private static async Task<ProductDetail> CreateAsync(HttpClient manager, JsonObject body)
    {
        var response = await manager.PostAsync("/api/v1/products", Json(body), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ProductDetail>(Ct))!;
    }

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string url, string version, JsonNode body)
    {
        var request = new HttpRequestMessage(method, url) { Content = Json(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return request;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    private async Task<T> WithDbAsync<T>(Func<CatalogDbContext, Task<T>> query)
    {
        await using var scope = infra.App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CatalogDbContext>());
    }
}
