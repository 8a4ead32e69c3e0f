using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Gateway.GraphQL;

public sealed record OrderingBasket(
    IReadOnlyList<OrderingBasketLine> Lines,
    decimal Subtotal,
    IReadOnlyList<OrderingVat> Vat,
    decimal DeliveryFee,
    decimal Total,
    bool IsEstimate,
    OrderingBasketZone? Zone,
    bool PricesChanged);

/// <summary>A basket line as Ordering prices it; the product itself is loaded from Catalog in one batch per basket.</summary>
public sealed record OrderingBasketLine(
    Guid ProductId,
    string Sku,
    string Name,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    decimal LineTotal,
    bool IsEstimate,
    int VatRate,
    bool Available,
    bool PriceChanged,
    decimal? PreviousPrice,
    string Substitution,
    string? SubstituteSku,
    string? Note);

public sealed record OrderingVat(int Rate, decimal Gross, decimal Vat);

public sealed record OrderingBasketZone(Guid ZoneId, string? Name, decimal MinimumBasketValue, bool MeetsMinimum, decimal AmountToMinimum);

/// <summary>What the <c>setBasketLine</c> mutation sends to Ordering.</summary>
public sealed record BasketLineInput(Guid ProductId, decimal Quantity, string? Substitution, string? SubstituteSku, string? Note);

/// <summary>What the <c>checkout</c> mutation sends to Ordering's <c>POST /api/v1/orders</c>.</summary>
public sealed record OrderingCheckoutRequest(Guid SlotHoldId, string PaymentMethod, Guid? AddressId, CheckoutAddressInput? Address);

/// <summary>A new drop-off address for one order; latitude and longitude (both or neither) help the driver find the door.</summary>
public sealed record CheckoutAddressInput(string? RecipientName, string? Phone, string? Street, string? District, string? Postcode, double? Latitude, double? Longitude)
{
    /// <summary>Personal data stays out of logs and exception messages even when the whole record is formatted.</summary>
    public override string ToString() => "CheckoutAddressInput { redacted }";
}

/// <summary>Ordering's answer to a checkout: the order, and whether it was placed before under the same key.</summary>
public sealed record OrderingCheckout(OrderingOrder Order, bool Repeated);

/// <summary>Ordering's basket API for the signed-in shopper, typed; the caller's token goes with each call.</summary>
public sealed class OrderingClient(HttpClient http)
{
    private const string Service = "Ordering";

    public Task<OrderingBasket> BasketAsync(CancellationToken ct) =>
        DownstreamCalls.ReadAsync<OrderingBasket>(http.GetAsync("/api/v1/basket", ct), Service, ct);

    public Task<OrderingBasket> SetLineAsync(BasketLineInput line, CancellationToken ct) =>
        DownstreamCalls.ReadAsync<OrderingBasket>(http.PutAsJsonAsync($"/api/v1/basket/lines/{line.ProductId}",
            new { line.Quantity, line.Substitution, line.SubstituteSku, line.Note }, ct), Service, ct);

    /// <summary>One page of the shopper's orders: one call whatever the page size.</summary>
    public Task<OrderingOrderPage> OrdersAsync(int first, string? after, CancellationToken ct) =>
        DownstreamCalls.ReadAsync<OrderingOrderPage>(http.GetAsync(
            after is null ? $"/api/v1/orders?limit={first}" : $"/api/v1/orders?limit={first}&cursor={Uri.EscapeDataString(after)}", ct), Service, ct);

    /// <summary>One of the shopper's orders, or null when Ordering does not know it for this shopper (another's order is not found).</summary>
    public async Task<OrderingOrder?> OrderAsync(Guid id, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/api/v1/orders/{id}", ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        await DownstreamCalls.EnsureSuccessAsync(response, Service, ct);
        return (await response.Content.ReadFromJsonAsync<OrderingOrder>(ct))!;
    }

    /// <summary>
    /// Places the order under the caller's idempotency key, passed on as Ordering's Idempotency-Key: the same
    /// key again answers the same order (200 instead of 201), so a client may retry a checkout it lost the answer to.
    /// </summary>
    public async Task<OrderingCheckout> CheckoutAsync(OrderingCheckoutRequest checkout, string idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(checkout) };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        using var response = await http.SendAsync(request, ct);
        if ((int)response.StatusCode == StatusCodes.Status422UnprocessableEntity && !await DownstreamCalls.NamesFieldsAsync(response, ct))
        {
            // Ordering's one field-less 422: the key was used for a different checkout.
            throw await DownstreamCalls.RefusalAsync(response, Service, ct, field: "idempotencyKey");
        }
        await DownstreamCalls.EnsureSuccessAsync(response, Service, ct);
        var order = (await response.Content.ReadFromJsonAsync<OrderingOrder>(ct))!;
        return new OrderingCheckout(order, Repeated: response.StatusCode == System.Net.HttpStatusCode.OK);
    }

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<OrderingBasket> RemoveLineAsync(Guid productId, CancellationToken ct)
    {
        using (var removed = await http.DeleteAsync($"/api/v1/basket/lines/{productId}", ct))
            await DownstreamCalls.EnsureSuccessAsync(removed, Service, ct);
        return await BasketAsync(ct);
    }
}

/// <summary>How the storefront schema turns a service's answer into data or a GraphQL error with a code.</summary>
internal static class DownstreamCalls
{
    public static async Task<T> ReadAsync<T>(Task<HttpResponseMessage> call, string service, CancellationToken ct)
    {
        using var response = await call;
        await EnsureSuccessAsync(response, service, ct);
        return (await response.Content.ReadFromJsonAsync<T>(ct))!;
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string service, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        switch ((int)response.StatusCode)
        {
            case StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden:
                throw new global::GraphQL.ExecutionError($"{service} did not accept the caller: sign in again.") { Code = StorefrontErrors.Unauthenticated };
            case StatusCodes.Status404NotFound:
                throw new global::GraphQL.ExecutionError($"{service} does not know it.") { Code = StorefrontErrors.NotFound };
            case StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict or StatusCodes.Status422UnprocessableEntity:
                throw await RefusalAsync(response, service, ct);
            default:
                throw new global::GraphQL.ExecutionError($"{service} answered {(int)response.StatusCode}.") { Code = StorefrontErrors.DownstreamUnavailable };
        }
    }

    /// <summary>Whether the refusal's ProblemDetails names fields (a validation problem).</summary>
    public static async Task<bool> NamesFieldsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await response.Content.LoadIntoBufferAsync(ct);
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The service's ProblemDetails as a GraphQL error: its detail or title, and the fields it named under
    /// extensions.fields (or <paramref name="field"/> when the service names none but the caller knows which).
    /// </summary>
    public static async Task<global::GraphQL.ExecutionError> RefusalAsync(HttpResponseMessage response, string service, CancellationToken ct, string? field = null)
    {
        var error = new global::GraphQL.ExecutionError($"{service} refused the request.") { Code = StorefrontErrors.BadUserInput };
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = problem.RootElement;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            error = new global::GraphQL.ExecutionError(detail ?? title ?? error.Message) { Code = StorefrontErrors.BadUserInput };
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                error.Extensions ??= new Dictionary<string, object?>();
                error.Extensions["fields"] = fields.EnumerateObject().ToDictionary(f => f.Name,
                    f => (object?)(f.Value.ValueKind == JsonValueKind.Array ? f.Value.EnumerateArray().Select(m => m.ToString()).ToArray() : [f.Value.ToString()]));
            }
            else if (field is not null)
            {
                error.Extensions ??= new Dictionary<string, object?>();
                error.Extensions["fields"] = new Dictionary<string, object?> { [field] = new[] { error.Message } };
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails body: the generic message stands.
        }
        return error;
    }
}
