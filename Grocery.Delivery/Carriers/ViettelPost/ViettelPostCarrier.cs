using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Grocery.Delivery.Domain;
using Microsoft.Extensions.Options;

namespace Grocery.Delivery.Carriers.ViettelPost;

/// <summary>
/// ViettelPost partner API: login token, getPriceAll, createOrder, UpdateOrder (TYPE 4 = cancel),
/// order status, and the status webhook whose body carries the agreed TOKEN. ViettelPost answers
/// business errors with HTTP 200 and <c>error: true</c>; those are not retried.
/// </summary>
public sealed class ViettelPostCarrier(HttpClient http, IOptions<ViettelPostOptions> options, CarrierTokenCache tokens) : ICarrier
{
    public const string CarrierName = "viettelpost";

    private ViettelPostOptions Options => options.Value;

    public string Name => CarrierName;

    public bool IsConfigured =>
        !string.IsNullOrEmpty(Options.BaseAddress) && !string.IsNullOrEmpty(Options.Username) && !string.IsNullOrEmpty(Options.Password);

    public bool NeedsDropOff => true;

    public async Task<CarrierQuote> QuoteAsync(ShipmentRequest request, CancellationToken cancellationToken)
    {
        var dropOff = RequireDropOff(request);
        var services = await SendAsync<List<VtpPrice>>("/v2/order/getPriceAll", new Dictionary<string, object?>
        {
            ["SENDER_PROVINCE"] = Options.SenderProvinceId,
            ["SENDER_DISTRICT"] = Options.SenderDistrictId,
            ["RECEIVER_PROVINCE"] = Options.SenderProvinceId,
            ["RECEIVER_DISTRICT"] = DistrictId(dropOff),
            ["PRODUCT_TYPE"] = "HH",
            ["PRODUCT_WEIGHT"] = request.WeightGrams,
            ["PRODUCT_PRICE"] = request.AmountToCollect,
            ["MONEY_COLLECTION"] = request.CashOnDelivery ? request.AmountToCollect : 0,
            ["TYPE"] = 1,
        }, cancellationToken, unwrap: false);
        var chosen = services.FirstOrDefault(s => s.Service == Options.OrderService) ?? services.OrderBy(s => s.Price).FirstOrDefault()
            ?? throw new CarrierException(Name, "no service offered", retryable: false);
        return new CarrierQuote(Name, chosen.Price, "VND", null);
    }

    public async Task<CarrierBooking> BookAsync(ShipmentRequest request, CancellationToken cancellationToken)
    {
        var dropOff = RequireDropOff(request);
        var order = await SendAsync<VtpOrder>("/v2/order/createOrder", new Dictionary<string, object?>
        {
            // Our order id as ORDER_NUMBER: ViettelPost rejects a duplicate, so a retried booking cannot double-book.
            ["ORDER_NUMBER"] = request.OrderId.ToString("N"),
            ["SENDER_FULLNAME"] = request.Pickup.Name,
            ["SENDER_ADDRESS"] = request.Pickup.Address,
            ["SENDER_PHONE"] = request.Pickup.Phone,
            ["SENDER_PROVINCE"] = Options.SenderProvinceId,
            ["SENDER_DISTRICT"] = Options.SenderDistrictId,
            ["RECEIVER_FULLNAME"] = dropOff.Name,
            ["RECEIVER_ADDRESS"] = dropOff.Address,
            ["RECEIVER_PHONE"] = dropOff.Phone,
            ["RECEIVER_PROVINCE"] = Options.SenderProvinceId,
            ["RECEIVER_DISTRICT"] = DistrictId(dropOff),
            ["PRODUCT_TYPE"] = "HH",
            ["PRODUCT_NAME"] = "Groceries",
            ["PRODUCT_QUANTITY"] = Math.Max(1, request.PackageCount),
            ["PRODUCT_PRICE"] = request.AmountToCollect,
            ["PRODUCT_WEIGHT"] = request.WeightGrams,
            // 3 = collect the goods' value on delivery, 1 = collect nothing.
            ["ORDER_PAYMENT"] = request.CashOnDelivery ? 3 : 1,
            ["ORDER_SERVICE"] = Options.OrderService,
            ["ORDER_SERVICE_ADD"] = Options.OrderServiceAdd,
            ["MONEY_COLLECTION"] = request.CashOnDelivery ? request.AmountToCollect : 0,
            ["ORDER_NOTE"] = $"Deliver {request.WindowStart:yyyy-MM-dd HH:mm}–{request.WindowEnd:HH:mm} UTC",
        }, cancellationToken);
        if (string.IsNullOrEmpty(order.OrderNumber)) throw new CarrierException(Name, "no ORDER_NUMBER in the answer", retryable: false);
        return new CarrierBooking(Name, order.OrderNumber, order.MoneyTotal, null);
    }

    public async Task CancelAsync(string reference, CancellationToken cancellationToken) =>
        await SendAsync<JsonElement?>("/v2/order/UpdateOrder", new Dictionary<string, object?>
        {
            ["TYPE"] = 4,
            ["ORDER_NUMBER"] = reference,
            ["NOTE"] = "Cancelled by the shop",
        }, cancellationToken);

    public async Task<CarrierTracking> TrackAsync(string reference, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(Name, LoginAsync, cancellationToken);
        var envelope = await CarrierHttp.SendAsync<VtpEnvelope<VtpStatus>>(Name, () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Get, string.Format(CultureInfo.InvariantCulture, Options.TrackPath, Uri.EscapeDataString(reference)));
            message.Headers.Add("Token", token);
            return http.SendAsync(message, cancellationToken);
        }, cancellationToken);
        var status = Unwrap(envelope);
        return new CarrierTracking(Name, reference, MapStatus(status.OrderStatus), status.OrderStatus.ToString(CultureInfo.InvariantCulture),
            ParseStatusDate(status.StatusDate));
    }

    public CarrierStatusUpdate? ReadWebhook(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        VtpWebhook? payload;
        try { payload = JsonSerializer.Deserialize<VtpWebhook>(body, CarrierHttp.Json); }
        catch (JsonException) { return null; }
        if (payload is null || !WebhookSecrets.SecretEquals(payload.Token, Options.WebhookToken)) return null;
        var data = payload.Data;
        if (data?.OrderNumber is not { Length: > 0 } orderNumber) return null;
        return new CarrierStatusUpdate($"{orderNumber}:{data.OrderStatus}:{data.StatusDate}", orderNumber, data.OrderReference,
            MapStatus(data.OrderStatus), data.OrderStatus.ToString(CultureInfo.InvariantCulture),
            ParseStatusDate(data.StatusDate) ?? DateTimeOffset.UnixEpoch, data.Note ?? data.StatusName);
    }

    /// <summary>ViettelPost status codes: 501 delivered; 105 picked up; 200–500 on the way; 107/201 cancelled; 502–515 returned or failed.</summary>
    internal static CarrierShipmentState MapStatus(int status) => status switch
    {
        501 => CarrierShipmentState.Delivered,
        107 or 201 => CarrierShipmentState.Cancelled,
        >= 502 and <= 515 => CarrierShipmentState.Failed,
        105 or (>= 200 and <= 500) => CarrierShipmentState.Dispatched,
        _ => CarrierShipmentState.Booked,
    };

    private DateTimeOffset? ParseStatusDate(string? value)
    {
        if (!DateTime.TryParseExact(value, "dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Options.TimeZone);
        return ZoneClock.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), zone);
    }

    private int DistrictId(CarrierAddress address) =>
        address.District is { } district && Options.DistrictIds.TryGetValue(AreaName.Normalize(district), out var id) ? id : 0;

    private async Task<T> SendAsync<T>(string path, Dictionary<string, object?> body, CancellationToken cancellationToken, bool unwrap = true)
    {
        var token = await tokens.GetAsync(Name, LoginAsync, cancellationToken);
        Func<Task<HttpResponseMessage>> send = () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            message.Headers.Add("Token", token);
            return http.SendAsync(message, cancellationToken);
        };
        // getPriceAll answers with a bare array; the other endpoints wrap data in {status, error, message, data}.
        if (!unwrap) return await CarrierHttp.SendAsync<T>(Name, send, cancellationToken);
        return Unwrap(await CarrierHttp.SendAsync<VtpEnvelope<T>>(Name, send, cancellationToken));
    }

    private T Unwrap<T>(VtpEnvelope<T> envelope)
    {
        if (envelope.Error || envelope.Status is not (null or 200))
            throw new CarrierException(Name, envelope.Message ?? $"status {envelope.Status}", retryable: false);
        return envelope.Data!;
    }

    private async Task<(string, TimeSpan)> LoginAsync(CancellationToken cancellationToken)
    {
        var envelope = await CarrierHttp.SendAsync<VtpEnvelope<VtpLogin>>(Name,
            () => http.PostAsJsonAsync("/v2/user/Login", new Dictionary<string, string?> { ["USERNAME"] = Options.Username, ["PASSWORD"] = Options.Password }, cancellationToken),
            cancellationToken);
        var login = Unwrap(envelope);
        if (string.IsNullOrEmpty(login?.Token)) throw new CarrierException(Name, "login returned no token", retryable: false);
        return (login.Token, TimeSpan.FromHours(12));
    }

    private static CarrierAddress RequireDropOff(ShipmentRequest request) =>
        request.DropOff ?? throw new CarrierException(CarrierName, "the order has no drop-off address", retryable: false);

    private sealed record VtpEnvelope<T>(
        [property: JsonPropertyName("status")] int? Status,
        [property: JsonPropertyName("error")] bool Error,
        [property: JsonPropertyName("message")] string? Message,
        [property: JsonPropertyName("data")] T? Data);

    private sealed record VtpLogin([property: JsonPropertyName("token")] string? Token);

    private sealed record VtpPrice(
        [property: JsonPropertyName("MA_DV_CHINH")] string? Service,
        [property: JsonPropertyName("GIA_CUOC")] decimal Price);

    private sealed record VtpOrder(
        [property: JsonPropertyName("ORDER_NUMBER")] string? OrderNumber,
        [property: JsonPropertyName("MONEY_TOTAL")] decimal? MoneyTotal);

    private sealed record VtpStatus(
        [property: JsonPropertyName("ORDER_STATUS")] int OrderStatus,
        [property: JsonPropertyName("ORDER_STATUSDATE")] string? StatusDate);

    private sealed record VtpWebhook(
        [property: JsonPropertyName("DATA")] VtpWebhookData? Data,
        [property: JsonPropertyName("TOKEN")] string? Token);

    private sealed record VtpWebhookData(
        [property: JsonPropertyName("ORDER_NUMBER")] string? OrderNumber,
        [property: JsonPropertyName("ORDER_REFERENCE")] string? OrderReference,
        [property: JsonPropertyName("ORDER_STATUSDATE")] string? StatusDate,
        [property: JsonPropertyName("ORDER_STATUS")] int OrderStatus,
        [property: JsonPropertyName("STATUS_NAME")] string? StatusName,
        [property: JsonPropertyName("NOTE")] string? Note);
}
