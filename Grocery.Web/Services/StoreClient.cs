using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Grocery.Web.Services;

/// <summary>
/// What the store manager's pages need, through the gateway: Inventory's receiving, adjustments, write-offs and
/// stock alerts; Delivery's zones and slots; Catalog's prices and CSV import. An interface so the pages render in tests.
/// </summary>
public interface IStoreManagement
{
    /// <summary>The product whose GTIN (or SKU) is exactly <paramref name="code"/>; a 404 result when there is none.</summary>
    Task<ApiResult<ManagedProduct>> FindByCodeAsync(string accessToken, string code, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ProductSummary>> SearchAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>The names of the products with these SKUs, for lists Inventory gives by SKU; a SKU not found is left out.</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken = default);

    Task<ApiResult<ManagedProduct>> GetProductAsync(string accessToken, Guid id, CancellationToken cancellationToken = default);

    Task<ApiResult<ManagedProduct>> ChangePriceAsync(string accessToken, Guid id, string version, decimal price, CancellationToken cancellationToken = default);

    Task<CatalogImport> ImportCatalogAsync(string accessToken, Stream csv, string fileName, CancellationToken cancellationToken = default);

    Task<ApiResult<StockChange>> ReceiveAsync(string accessToken, Guid warehouseId, string sku, decimal quantity, DateOnly? bestBefore, string? lotCode,
        string idempotencyKey, CancellationToken cancellationToken = default);

    /// <param name="quantity">Signed: positive for stock found, negative for stock missing.</param>
    Task<ApiResult<StockChange>> AdjustAsync(string accessToken, Guid warehouseId, string sku, decimal quantity, string reason, string idempotencyKey,
        CancellationToken cancellationToken = default);

    Task<ApiResult<StockChange>> WriteOffAsync(string accessToken, Guid warehouseId, string sku, decimal quantity, Guid? lotId, string reason,
        string idempotencyKey, CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<LowStockItem>>> LowStockAsync(string accessToken, Guid warehouseId, CancellationToken cancellationToken = default);

    Task<ApiResult<ExpiringLots>> ExpiringAsync(string accessToken, Guid warehouseId, int days, CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<ManagedZone>>> ZonesAsync(string accessToken, Guid warehouseId, CancellationToken cancellationToken = default);

    Task<ApiResult<IReadOnlyList<ManagedSlot>>> SlotsAsync(Guid zoneId, CancellationToken cancellationToken = default);

    Task<ApiResult<object>> OverrideSlotAsync(string accessToken, Guid slotId, int? capacity, bool? closed, CancellationToken cancellationToken = default);

    Task<ApiResult<ManagedSlotTemplate>> AddTemplateAsync(string accessToken, Guid zoneId, NewSlotTemplate template, CancellationToken cancellationToken = default);
}

public sealed class StoreManagementClient(HttpClient http) : IStoreManagement
{
    /// <summary>Search ranks an exact SKU or GTIN first; the first few hits are read to be sure the code is really theirs.</summary>
    public async Task<ApiResult<ManagedProduct>> FindByCodeAsync(string accessToken, string code, CancellationToken cancellationToken = default)
    {
        foreach (var hit in (await SearchAsync(code, cancellationToken)).Take(3))
        {
            var product = await GetProductAsync(accessToken, hit.Id, cancellationToken);
            if (!product.Succeeded) return product;
            if (product.Value!.Gtin.Trim() == code || string.Equals(product.Value.Sku, code, StringComparison.OrdinalIgnoreCase)) return product;
        }
        return new(null, $"No product has the code {code}.", (int)HttpStatusCode.NotFound);
    }

    public async Task<IReadOnlyList<ProductSummary>> SearchAsync(string text, CancellationToken cancellationToken = default) =>
        (await http.GetFromJsonAsync<SearchResults>("/api/v1/search?q=" + Uri.EscapeDataString(text), ApiJson.Options, cancellationToken))?.Items ?? [];

    /// <summary>One batch read per hundred SKUs (Catalog's batch limit); the pages ask only for the few rows they show.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in skus.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(100))
        {
            var page = await http.GetFromJsonAsync<ProductPage>(
                "/api/v1/products?skus=" + string.Join(',', chunk.Select(Uri.EscapeDataString)), ApiJson.Options, cancellationToken);
            foreach (var product in page?.Items ?? []) names[product.Sku] = product.Name;
        }
        return names;
    }

    public Task<ApiResult<ManagedProduct>> GetProductAsync(string accessToken, Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<ManagedProduct>(ApiJson.Request(HttpMethod.Get, $"/api/v1/products/{id}", accessToken), cancellationToken);

    public Task<ApiResult<ManagedProduct>> ChangePriceAsync(string accessToken, Guid id, string version, decimal price, CancellationToken cancellationToken = default)
    {
        var request = ApiJson.Request(HttpMethod.Put, $"/api/v1/products/{id}/price", accessToken, new { price });
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return SendAsync<ManagedProduct>(request, cancellationToken);
    }

    public async Task<CatalogImport> ImportCatalogAsync(string accessToken, Stream csv, string fileName, CancellationToken cancellationToken = default)
    {
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        using var request = ApiJson.Request(HttpMethod.Post, "/api/v1/products/import", accessToken);
        request.Content = content;
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var summary = await response.Content.ReadFromJsonAsync<ImportSummary>(ApiJson.Options, cancellationToken);
            return new(summary!.Rows, summary.Created, summary.Updated, summary.Unchanged, null, []);
        }
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<ImportProblem>(ApiJson.Options, cancellationToken);
                if (problem?.LineErrors is { Count: > 0 } lines) return new(0, 0, 0, 0, problem.Title ?? "Nothing was imported.", lines);
                var first = problem?.Errors?.Values.SelectMany(v => v).FirstOrDefault();
                return new(0, 0, 0, 0, first ?? problem?.Title ?? "The file was refused.", []);
            }
            catch (JsonException)
            {
                return new(0, 0, 0, 0, "The file was refused.", []);
            }
        }
        return new(0, 0, 0, 0, await StaffApiResult.MessageAsync(response, cancellationToken), []);
    }

    public Task<ApiResult<StockChange>> ReceiveAsync(string accessToken, Guid warehouseId, string sku, decimal quantity, DateOnly? bestBefore, string? lotCode,
        string idempotencyKey, CancellationToken cancellationToken = default) =>
        StockWriteAsync("/api/v1/stock/receipts", accessToken, idempotencyKey,
            new { warehouseId, lines = new[] { new { sku, quantity, bestBefore, lotCode } } }, cancellationToken);

    public Task<ApiResult<StockChange>> AdjustAsync(string accessToken, Guid warehouseId, string sku, decimal quantity, string reason, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        StockWriteAsync("/api/v1/stock/adjustments", accessToken, idempotencyKey,
            new { warehouseId, reason, lines = new[] { new { sku, quantity } } }, cancellationToken);

    public Task<ApiResult<StockChange>> WriteOffAsync(string accessToken, Guid warehouseId, string sku, decimal quantity, Guid? lotId, string reason,
        string idempotencyKey, CancellationToken cancellationToken = default) =>
        StockWriteAsync("/api/v1/stock/write-offs", accessToken, idempotencyKey,
            new { warehouseId, reason, lines = new[] { new { sku, quantity, lotId } } }, cancellationToken);

    public Task<ApiResult<IReadOnlyList<LowStockItem>>> LowStockAsync(string accessToken, Guid warehouseId, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<LowStockItem>>(ApiJson.Request(HttpMethod.Get, $"/api/v1/stock/alerts/low-stock?warehouseId={warehouseId}", accessToken), cancellationToken);

    public Task<ApiResult<ExpiringLots>> ExpiringAsync(string accessToken, Guid warehouseId, int days, CancellationToken cancellationToken = default) =>
        SendAsync<ExpiringLots>(ApiJson.Request(HttpMethod.Get, $"/api/v1/stock/alerts/expiring?warehouseId={warehouseId}&days={days}", accessToken), cancellationToken);

    public Task<ApiResult<IReadOnlyList<ManagedZone>>> ZonesAsync(string accessToken, Guid warehouseId, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ManagedZone>>(ApiJson.Request(HttpMethod.Get, $"/api/v1/zones?warehouseId={warehouseId}", accessToken), cancellationToken);

    public Task<ApiResult<IReadOnlyList<ManagedSlot>>> SlotsAsync(Guid zoneId, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ManagedSlot>>(ApiJson.Request(HttpMethod.Get, $"/api/v1/slots?zoneId={zoneId}", null), cancellationToken);

    public async Task<ApiResult<object>> OverrideSlotAsync(string accessToken, Guid slotId, int? capacity, bool? closed, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Patch, $"/api/v1/slots/{slotId}", accessToken, new { capacity, closed });
        using var response = await http.SendAsync(request, cancellationToken);
        // 204 has no body to read.
        return response.IsSuccessStatusCode
            ? new(new object(), null, (int)response.StatusCode)
            : new(null, await StaffApiResult.MessageAsync(response, cancellationToken), (int)response.StatusCode);
    }

    public Task<ApiResult<ManagedSlotTemplate>> AddTemplateAsync(string accessToken, Guid zoneId, NewSlotTemplate template, CancellationToken cancellationToken = default) =>
        SendAsync<ManagedSlotTemplate>(ApiJson.Request(HttpMethod.Post, $"/api/v1/zones/{zoneId}/slot-templates", accessToken, template), cancellationToken);

    private Task<ApiResult<StockChange>> StockWriteAsync(string url, string accessToken, string idempotencyKey, object body, CancellationToken cancellationToken)
    {
        var request = ApiJson.Request(HttpMethod.Post, url, accessToken, body);
        // The form carries a key made when it was shown: a double submit or a refreshed POST answers as the first did.
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync<StockChange>(request, cancellationToken);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return await StaffApiResult.FromAsync<T>(response, cancellationToken);
        }
    }

    private sealed record ImportSummary(int Rows, int Created, int Updated, int Unchanged);

    private sealed record ImportProblem(string? Title, Dictionary<string, string[]>? Errors, IReadOnlyList<ImportLineError>? LineErrors);
}
