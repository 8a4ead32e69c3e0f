using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Grocery.Delivery.Carriers.Grab;

/// <summary>GrabExpress partner API: OAuth2 client credentials, delivery quotes, deliveries, cancel, status, webhooks.</summary>
public sealed class GrabExpressCarrier(HttpClient http, IOptions<GrabExpressOptions> options, CarrierTokenCache tokens) : ICarrier
{
    public const string CarrierName = "grab";

    private GrabExpressOptions Options => options.Value;

    public string Name => CarrierName;

    public bool IsConfigured =>
        !string.IsNullOrEmpty(Options.BaseAddress) && !string.IsNullOrEmpty(Options.ClientId) && !string.IsNullOrEmpty(Options.ClientSecret);

    public bool NeedsDropOff => true;

    public async Task<CarrierQuote> QuoteAsync(ShipmentRequest request, CancellationToken cancellationToken)
    {
        var body = new
        {
            serviceType = Options.ServiceType,
            packages = Packages(request),
            origin = Location(request.Pickup),
            destination = Location(RequireDropOff(request)),
        };
        var response = await SendAsync<GrabQuoteResponse>(HttpMethod.Post, $"{Options.DeliveriesPath}/quotes", body, cancellationToken);
        var quote = response.Quotes?.FirstOrDefault() ?? throw new CarrierException(Name, "no quote offered", retryable: false);
        return new CarrierQuote(Name, quote.Amount, quote.Currency?.Code ?? "VND", quote.EstimatedTimeline?.Dropoff);
    }

    public async Task<CarrierBooking> BookAsync(ShipmentRequest request, CancellationToken cancellationToken)
    {
        var dropOff = RequireDropOff(request);
        var body = new
        {
            // Grab refuses a second delivery with the same merchantOrderID, so a retried booking cannot double-book.
            merchantOrderID = request.OrderId.ToString(),
            serviceType = Options.ServiceType,
            paymentMethod = "CASHLESS",
            packages = Packages(request),
            origin = Location(request.Pickup),
            destination = Location(dropOff),
            sender = Contact(request.Pickup),
            recipient = Contact(dropOff),
            cashOnDelivery = request.CashOnDelivery ? new { amount = request.AmountToCollect } : null,
            schedule = new { pickupTimeFrom = request.WindowStart.AddMinutes(-30), pickupTimeTo = request.WindowStart },
        };
        var delivery = await SendAsync<GrabDelivery>(HttpMethod.Post, Options.DeliveriesPath, body, cancellationToken);
        if (string.IsNullOrEmpty(delivery.DeliveryId)) throw new CarrierException(Name, "no deliveryID in the answer", retryable: false);
        return new CarrierBooking(Name, delivery.DeliveryId, delivery.Quote?.Amount, delivery.TrackingUrl);
    }

    public async Task CancelAsync(string reference, CancellationToken cancellationToken) =>
        await SendAsync<JsonElement?>(HttpMethod.Delete, $"{Options.DeliveriesPath}/{Uri.EscapeDataString(reference)}", null, cancellationToken);

    public async Task<CarrierTracking> TrackAsync(string reference, CancellationToken cancellationToken)
    {
        var delivery = await SendAsync<GrabDelivery>(HttpMethod.Get, $"{Options.DeliveriesPath}/{Uri.EscapeDataString(reference)}", null, cancellationToken);
        return new CarrierTracking(Name, reference, MapStatus(delivery.Status), delivery.Status, null);
    }

    public CarrierStatusUpdate? ReadWebhook(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        if (!WebhookSecrets.SecretEquals(headers.Authorization.ToString(), Options.WebhookSecret)) return null;
        GrabWebhook? payload;
        try { payload = JsonSerializer.Deserialize<GrabWebhook>(body, CarrierHttp.Json); }
        catch (JsonException) { return null; }
        if (payload?.DeliveryId is not { Length: > 0 } deliveryId || payload.Status is not { Length: > 0 } status) return null;
        var occurredAt = payload.Timestamp is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UnixEpoch;
        return new CarrierStatusUpdate($"{deliveryId}:{status}:{payload.Timestamp}", deliveryId, payload.MerchantOrderId,
            MapStatus(status), status, occurredAt, payload.FailedReason);
    }

    internal static CarrierShipmentState MapStatus(string? status) => status?.ToUpperInvariant() switch
    {
        "IN_DELIVERY" or "PICKED_UP" or "IN_RETURN" => CarrierShipmentState.Dispatched,
        "COMPLETED" => CarrierShipmentState.Delivered,
        "FAILED" or "RETURNED" => CarrierShipmentState.Failed,
        "CANCELED" or "CANCELLED" => CarrierShipmentState.Cancelled,
        _ => CarrierShipmentState.Booked,
    };

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(Name, FetchTokenAsync, cancellationToken);
        return await CarrierHttp.SendAsync<T>(Name, () =>
        {
            var message = new HttpRequestMessage(method, path);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null) message.Content = JsonContent.Create(body, options: Json);
            return http.SendAsync(message, cancellationToken);
        }, cancellationToken);
    }

    private async Task<(string, TimeSpan)> FetchTokenAsync(CancellationToken cancellationToken)
    {
        var response = await CarrierHttp.SendAsync<GrabToken>(Name, () => http.PostAsJsonAsync(Options.TokenPath, new
        {
            client_id = Options.ClientId,
            client_secret = Options.ClientSecret,
            grant_type = "client_credentials",
            scope = Options.Scope,
        }, cancellationToken), cancellationToken);
        if (string.IsNullOrEmpty(response.AccessToken)) throw new CarrierException(Name, "no access_token", retryable: false);
        return (response.AccessToken, TimeSpan.FromSeconds(Math.Max(120, response.ExpiresIn)));
    }

    private static CarrierAddress RequireDropOff(ShipmentRequest request) =>
        request.DropOff ?? throw new CarrierException(CarrierName, "the order has no drop-off address", retryable: false);

    private static object[] Packages(ShipmentRequest request) =>
    [
        new
        {
            name = "Groceries",
            description = $"Order {request.OrderId}",
            quantity = Math.Max(1, request.PackageCount),
            price = request.AmountToCollect,
            dimensions = new { height = 0, width = 0, depth = 0, weight = request.WeightGrams },
        },
    ];

    private static object Location(CarrierAddress address) => new
    {
        address = address.Address,
        keywords = address.District,
        coordinates = address.Latitude is { } lat && address.Longitude is { } lng ? new { latitude = lat, longitude = lng } : null,
    };

    private static object Contact(CarrierAddress address) => new
    {
        firstName = address.Name,
        phone = address.Phone,
        smsEnabled = true,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record GrabToken(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record GrabQuoteResponse(List<GrabQuote>? Quotes);

    private sealed record GrabQuote(decimal Amount, GrabCurrency? Currency, GrabTimeline? EstimatedTimeline);

    private sealed record GrabCurrency(string? Code);

    private sealed record GrabTimeline(DateTimeOffset? Dropoff);

    private sealed record GrabDelivery(
        [property: JsonPropertyName("deliveryID")] string? DeliveryId,
        string? Status,
        GrabQuote? Quote,
        [property: JsonPropertyName("trackingURL")] string? TrackingUrl);

    private sealed record GrabWebhook(
        [property: JsonPropertyName("deliveryID")] string? DeliveryId,
        [property: JsonPropertyName("merchantOrderID")] string? MerchantOrderId,
        string? Status,
        long? Timestamp,
        string? FailedReason);
}
