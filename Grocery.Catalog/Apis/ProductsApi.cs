using System.Globalization;
using Grocery.Catalog.Caching;
using Grocery.Catalog.Domain;
using Grocery.Catalog.Importing;
using Grocery.Catalog.Reading;
using Grocery.Catalog.Writing;
using Grocery.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Catalog.Apis;

public static class ProductsApi
{
    public const int MaxBatch = CatalogLimits.MaxBatch;

    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/products").WithTags("Products");
        api.MapGet("/", ListProductsAsync).AllowAnonymous()
            .WithSummary("A page of active products, filtered and sorted; nextCursor fetches the next page.");
        api.MapGet("/{slug}", GetProductAsync).AllowAnonymous()
            .WithSummary("One active product by its address, for its product page.").Produces<ProductDetail>();
        api.MapGet("/{id:guid}", GetProductForEditAsync).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("One product by id, active or not, with the version an edit names in If-Match.");
        api.MapPost("/", CreateProductAsync).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Adds a product.");
        api.MapPut("/{id:guid}", UpdateProductAsync).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Replaces a product's details; If-Match names the version it was read at.");
        api.MapPut("/{id:guid}/price", ChangePriceAsync).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Changes a product's price; If-Match names the version it was read at.");
        api.MapPost("/{id:guid}/deactivate", DeactivateAsync).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Takes a product off sale; If-Match names the version it was read at.");
        api.MapPost("/import", ImportAsync).RequireAuthorization(GroceryPolicies.StoreManager).DisableAntiforgery()
            .WithSummary("Creates or updates products from an uploaded CSV file, all or nothing.");
        return app;
    }

    public static async Task<Results<CachedJsonResult, Ok<ProductPage>, ValidationProblem>> ListProductsAsync(
        HttpRequest request, CatalogCache cache, ProductReader reader, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var warehouse = ShopperContext.Warehouse(request, errors);
        if (request.Query.TryGetValue("ids", out var rawIds))
        {
            var ids = new List<Guid>();
            foreach (var part in rawIds.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (Guid.TryParse(part, out var id)) ids.Add(id);
                else errors["ids"] = ["ids is a comma-separated list of product ids."];
            }
            if (ids.Count is 0 or > MaxBatch) errors["ids"] = [$"ids lists 1 to {MaxBatch} product ids."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            // Batch reads serve the gateway and Ordering (prices at checkout), so they skip the cache.
            return TypedResults.Ok(new ProductPage(await reader.GetManyAsync([.. ids.Distinct()], warehouse, ct), null));
        }
        if (request.Query.TryGetValue("skus", out var rawSkus))
        {
            var skus = rawSkus.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
            if (skus.Length is 0 or > MaxBatch || skus.Any(sku => sku.Length > CatalogLimits.SkuMaxLength || !sku.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
                errors["skus"] = [$"skus lists 1 to {MaxBatch} SKUs, each of letters, digits and dashes."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            // Staff lists name the products Inventory gives by SKU: one read per list, uncached like the batch by ids.
            return TypedResults.Ok(new ProductPage(await reader.GetManyBySkuAsync(skus, warehouse, ct), null));
        }
        var query = ListingQuery.Parse(request.Query, warehouse, errors);
        if (query is null) return TypedResults.ValidationProblem(errors);
        var response = await cache.GetOrCreateAsync(query.CacheKey(), CacheTags.ForListing(query.Warehouse), (reader, query),
            static (s, token) => s.reader.ListAsync(s.query, token), CatalogJsonContext.Default.ProductPage, ct);
        return new CachedJsonResult(response, 30);
    }

    public static async Task<Results<CachedJsonResult, NotFound, ValidationProblem>> GetProductAsync(
        string slug, HttpRequest request, CatalogCache cache, ProductReader reader, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var warehouse = ShopperContext.Warehouse(request, errors);
        if (StoredText.Check(slug, CatalogLimits.SlugMaxLength) is { } slugProblem) errors["slug"] = [slugProblem];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // Slugs are made of lower-case ASCII letters, digits and dashes; anything else names no product
        // and is not worth a cache entry.
        if (!slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) return TypedResults.NotFound();
        var key = warehouse is { } w ? $"p:{slug}|{w:N}" : $"p:{slug}";
        // A missing slug is cached too ("null"), so unknown slugs cannot be used to hammer PostgreSQL.
        var response = await cache.GetOrCreateAsync(key, [CacheTags.Slug(slug)], (reader, slug, warehouse),
            static async (s, token) => (await s.reader.GetDetailAsync(s.slug, null, s.warehouse, false, false, token))!,
            CatalogJsonContext.Default.ProductDetail, ct);
        return response.Body.Length == 4 ? TypedResults.NotFound() : new CachedJsonResult(response, 60);
    }

    public static async Task<Results<Ok<ProductDetail>, NotFound>> GetProductForEditAsync(
        Guid id, HttpResponse response, ProductReader reader, CancellationToken ct)
    {
        var detail = await reader.GetDetailAsync(null, id, null, includeInactive: true, fromPrimary: true, ct);
        if (detail is null) return TypedResults.NotFound();
        response.Headers.ETag = $"\"{detail.Version}\"";
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(detail);
    }

    public static async Task<Results<Created<ProductDetail>, ValidationProblem, Conflict<ProblemDetails>>> CreateProductAsync(
        ProductWriteRequest body, HttpResponse response, ProductAdmin admin, ProductReader reader, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var draft = body.ToDraft(errors);
        if (draft is null) return TypedResults.ValidationProblem(errors);
        var outcome = await admin.CreateAsync(draft, ct);
        switch (outcome.Status)
        {
            case WriteStatus.Invalid: return TypedResults.ValidationProblem(outcome.Errors!);
            case WriteStatus.Conflict:
                return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "A product with this SKU or GTIN already exists." });
        }
        var detail = (await reader.GetDetailAsync(null, outcome.ProductId, null, true, true, ct))!;
        response.Headers.ETag = $"\"{detail.Version}\"";
        return TypedResults.Created($"/api/v1/products/{detail.Slug}", detail);
    }

    public static Task<Results<Ok<ProductDetail>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateProductAsync(
        Guid id, ProductWriteRequest body, HttpRequest request, HttpResponse response, ProductAdmin admin, ProductReader reader, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var draft = body.ToDraft(errors);
        return WriteAsync(id, request, response, reader, errors,
            version => admin.UpdateAsync(id, version, draft!, ct), ct);
    }

    public static Task<Results<Ok<ProductDetail>, NotFound, ValidationProblem, ProblemHttpResult>> ChangePriceAsync(
        Guid id, ChangePriceRequest body, HttpRequest request, HttpResponse response, ProductAdmin admin, ProductReader reader, CancellationToken ct)
    {
        Dictionary<string, string[]>? errors = null;
        if (body.Price is not { } price || price <= 0 || price > CatalogLimits.MaxPrice || decimal.Truncate(price) != price)
            errors = new() { ["price"] = [$"Price is a whole number of đồng from 1 to {CatalogLimits.MaxPrice:0}."] };
        return WriteAsync(id, request, response, reader, errors, version => admin.ChangePriceAsync(id, version, body.Price!.Value, ct), ct);
    }

    public static Task<Results<Ok<ProductDetail>, NotFound, ValidationProblem, ProblemHttpResult>> DeactivateAsync(
        Guid id, HttpRequest request, HttpResponse response, ProductAdmin admin, ProductReader reader, CancellationToken ct) =>
        WriteAsync(id, request, response, reader, null, version => admin.DeactivateAsync(id, version, ct), ct);

    private static async Task<Results<Ok<ProductDetail>, NotFound, ValidationProblem, ProblemHttpResult>> WriteAsync(
        Guid id, HttpRequest request, HttpResponse response, ProductReader reader, Dictionary<string, string[]>? errors,
        Func<uint, Task<WriteOutcome>> write, CancellationToken ct)
    {
        if (errors is { Count: > 0 }) return TypedResults.ValidationProblem(errors);
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match with the product's ETag is required.");
        if (!uint.TryParse(ifMatch.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "If-Match does not name a version of this product.");
        var outcome = await write(version);
        switch (outcome.Status)
        {
            case WriteStatus.NotFound: return TypedResults.NotFound();
            case WriteStatus.Stale:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "The product changed since it was read; fetch it again and retry.");
            case WriteStatus.Invalid: return TypedResults.ValidationProblem(outcome.Errors!);
            case WriteStatus.Conflict: return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The GTIN belongs to another product.");
        }
        var detail = await reader.GetDetailAsync(null, id, null, true, true, ct);
        if (detail is null) return TypedResults.NotFound();
        response.Headers.ETag = $"\"{detail.Version}\"";
        return TypedResults.Ok(detail);
    }

    public static async Task<Results<Ok<ImportSummary>, ValidationProblem>> ImportAsync(
        HttpRequest request, ProductImporter importer, CancellationToken ct)
    {
        TextReader reader;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException && !ct.IsCancellationRequested)
            {
                // A multipart body without its boundary, or cut short, is the client's to fix.
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The form could not be read; send the CSV as multipart/form-data or as text/csv."] });
            }
            if (form.Files.Count == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Attach the CSV file."] });
            reader = new StreamReader(form.Files[0].OpenReadStream());
        }
        else reader = new StreamReader(request.Body);
        using (reader)
        {
            var result = await importer.ImportAsync(reader, publishEvents: true, ct);
            if (result.Succeeded) return TypedResults.Ok(new ImportSummary(result.Rows, result.Created, result.Updated, result.Unchanged));
            var byLine = result.Errors.GroupBy(e => $"line {e.Line}: {e.Field}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return TypedResults.ValidationProblem(byLine, title: $"{result.Errors.Count} errors; nothing was imported.",
                extensions: new Dictionary<string, object?> { ["lineErrors"] = result.Errors });
        }
    }
}
