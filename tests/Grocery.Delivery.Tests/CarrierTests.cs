using Grocery.Contracts.Ordering;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Carriers.Grab;
using Grocery.Delivery.Carriers.ViettelPost;
using Grocery.Delivery.Shipping;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Grocery.Delivery.Tests;

/// <summary>The real typed clients and resilience pipelines against WireMock fakes of each carrier's API.</summary>
public sealed class CarrierTests(DeliveryInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Deliveries = "/grab-express-sandbox/v1/deliveries";
    private readonly WireMockServer _grab = WireMockServer.Start();
    private readonly WireMockServer _viettel = WireMockServer.Start();
    private readonly ServiceFakes _services = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _grabAttempts = new();
    private DeliveryApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new DeliveryApp(infrastructure, DateTimeOffset.UtcNow, new Dictionary<string, string?>(_services.Settings)
        {
            ["Carriers:grab:BaseAddress"] = _grab.Url,
            ["Carriers:grab:DeliveriesPath"] = Deliveries,
            ["Carriers:grab:ClientId"] = "grocery",
            ["Carriers:grab:ClientSecret"] = "grab-client-secret",
            ["Carriers:grab:Resilience:MaxRetryAttempts"] = "2",
            ["Carriers:grab:Resilience:RetryDelay"] = "00:00:00.010",
            ["Carriers:grab:Resilience:AttemptTimeout"] = "00:00:01",
            ["Carriers:viettelpost:BaseAddress"] = _viettel.Url,
            ["Carriers:viettelpost:Username"] = "shop",
            ["Carriers:viettelpost:Password"] = "vtp-password",
            ["Carriers:viettelpost:SenderProvinceId"] = "2",
            ["Carriers:viettelpost:SenderDistrictId"] = "43",
            ["Carriers:viettelpost:DistrictIds:quan 1"] = "760",
            ["Carriers:viettelpost:Resilience:RetryDelay"] = "00:00:00.010",
        })
        {
            // Innermost handler of Grab's client: sees every attempt the resilience pipeline makes, as it leaves.
            ConfigureServices = services => services.AddHttpClient<GrabExpressCarrier>().AddHttpMessageHandler(() => new AttemptCounter(_grabAttempts)),
        };
        await _app.StartAsync();
        _grab.Given(Request.Create().WithPath("/grabid/v1/oauth2/token").UsingPost())
            .RespondWith(Response.Create().WithBodyAsJson(new { access_token = "grab-token", token_type = "Bearer", expires_in = 3600 }));
        _viettel.Given(Request.Create().WithPath("/v2/user/Login").UsingPost().WithBody(b => b!.Contains("vtp-password")))
            .RespondWith(Response.Create().WithBodyAsJson(new { status = 200, error = false, message = "OK", data = new { token = "vtp-token" } }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _grab.Stop();
        _viettel.Stop();
        _services.Dispose();
    }

    private T Carrier<T>() where T : notnull => _app.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private static ShipmentRequest Request_(bool withDropOff = true) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        new CarrierAddress("Dark store Q1", "0281234567", "12 Lê Lợi, Quận 1", "Quận 1", Latitude: 10.77, Longitude: 106.70),
        withDropOff ? new CarrierAddress("Lan", "0901234567", "34 Pasteur, Quận 1", "Quận 1", Latitude: 10.78, Longitude: 106.69) : null,
        DateTimeOffset.UtcNow.AddHours(3), DateTimeOffset.UtcNow.AddHours(4), CashOnDelivery: true, AmountToCollect: 450_000m, PackageCount: 2, WeightGrams: 8000);

    private int Calls(WireMockServer server, string path) => server.LogEntries.Count(e => e.RequestMessage.Path == path);

    [Fact]
    public async Task Grab_quotes_books_tracks_and_cancels_with_a_bearer_token()
    {
        _grab.Given(Request.Create().WithPath($"{Deliveries}/quotes").UsingPost().WithHeader("Authorization", "Bearer grab-token"))
            .RespondWith(Response.Create().WithBodyAsJson(new { quotes = new[] { new { amount = 32000, currency = new { code = "VND" } } } }));
        _grab.Given(Request.Create().WithPath(Deliveries).UsingPost().WithHeader("Authorization", "Bearer grab-token"))
            .RespondWith(Response.Create().WithBodyAsJson(new { deliveryID = "IN-2-GRAB1", status = "ALLOCATING", quote = new { amount = 32000 } }));
        _grab.Given(Request.Create().WithPath($"{Deliveries}/IN-2-GRAB1").UsingGet())
            .RespondWith(Response.Create().WithBodyAsJson(new { deliveryID = "IN-2-GRAB1", status = "IN_DELIVERY" }));
        _grab.Given(Request.Create().WithPath($"{Deliveries}/IN-2-GRAB1").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));
        var grab = Carrier<GrabExpressCarrier>();
        var request = Request_();

        var quote = await grab.QuoteAsync(request, CancellationToken.None);
        var booking = await grab.BookAsync(request, CancellationToken.None);
        var tracking = await grab.TrackAsync(booking.Reference, CancellationToken.None);
        await grab.CancelAsync(booking.Reference, CancellationToken.None);

        Assert.Equal(32000m, quote.Fee);
        Assert.Equal("IN-2-GRAB1", booking.Reference);
        Assert.Equal(CarrierShipmentState.Dispatched, tracking.State);
        Assert.Equal(1, Calls(_grab, $"{Deliveries}/IN-2-GRAB1") - 1);
        var created = _grab.LogEntries.Single(e => e.RequestMessage.Path == Deliveries).RequestMessage.Body!;
        Assert.Contains(request.OrderId.ToString(), created);
        Assert.Contains("\"cashOnDelivery\":{\"amount\":450000", created);
    }

    [Fact]
    public async Task Grab_5xx_answers_are_retried_until_the_booking_succeeds()
    {
        _grab.Given(Request.Create().WithPath(Deliveries).UsingPost()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503));
        _grab.Given(Request.Create().WithPath(Deliveries).UsingPost()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithBodyAsJson(new { deliveryID = "IN-RETRIED", status = "ALLOCATING" }));

        var booking = await Carrier<GrabExpressCarrier>().BookAsync(Request_(), CancellationToken.None);

        Assert.Equal("IN-RETRIED", booking.Reference);
        Assert.Equal(2, Calls(_grab, Deliveries));
    }

    [Fact]
    public async Task Grab_4xx_answers_are_not_retried()
    {
        _grab.Given(Request.Create().WithPath(Deliveries).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBodyAsJson(new { message = "invalid destination" }));

        var failure = await Assert.ThrowsAsync<CarrierException>(() => Carrier<GrabExpressCarrier>().BookAsync(Request_(), CancellationToken.None));

        Assert.False(failure.Retryable);
        Assert.Contains("invalid destination", failure.Message);
        Assert.Equal(1, Calls(_grab, Deliveries));
    }

    [Fact]
    public async Task A_grab_call_that_times_out_is_retried_then_reported()
    {
        _grab.Given(Request.Create().WithPath($"{Deliveries}/SLOW").UsingGet())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(3)).WithBodyAsJson(new { deliveryID = "SLOW", status = "COMPLETED" }));

        // The token is in hand, so only the tracking call meets the slow answer (a loaded machine could time out the token call too).
        await _app.Services.GetRequiredService<CarrierTokenCache>()
            .GetAsync(GrabExpressCarrier.CarrierName, _ => Task.FromResult(("grab-token", TimeSpan.FromHours(1))), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<CarrierException>(() => Carrier<GrabExpressCarrier>().TrackAsync("SLOW", CancellationToken.None));

        Assert.True(failure.Retryable);
        // Counted as each attempt leaves, not from WireMock's log, which is written only once the delayed answer is.
        Assert.Equal(3, _grabAttempts.Count(path => path == $"{Deliveries}/SLOW"));
    }

    private sealed class AttemptCounter(System.Collections.Concurrent.ConcurrentQueue<string> attempts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            attempts.Enqueue(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task Viettelpost_logs_in_then_prices_creates_tracks_and_cancels_with_its_token()
    {
        _viettel.Given(Request.Create().WithPath("/v2/order/getPriceAll").UsingPost().WithHeader("Token", "vtp-token"))
            .RespondWith(Response.Create().WithBodyAsJson(new[] { new { MA_DV_CHINH = "VCN", GIA_CUOC = 41000 }, new { MA_DV_CHINH = "PHS", GIA_CUOC = 28000 } }));
        _viettel.Given(Request.Create().WithPath("/v2/order/createOrder").UsingPost().WithHeader("Token", "vtp-token"))
            .RespondWith(Response.Create().WithBodyAsJson(new { status = 200, error = false, data = new { ORDER_NUMBER = "1234567890", MONEY_TOTAL = 28000 } }));
        _viettel.Given(Request.Create().WithPath("/v2/order/getOrderStatus").UsingGet().WithParam("ORDER_NUMBER", "1234567890"))
            .RespondWith(Response.Create().WithBodyAsJson(new { status = 200, error = false, data = new { ORDER_STATUS = 501, ORDER_STATUSDATE = "26/11/2026 17:34:05" } }));
        _viettel.Given(Request.Create().WithPath("/v2/order/UpdateOrder").UsingPost().WithBody(b => b!.Contains("\"TYPE\":4")))
            .RespondWith(Response.Create().WithBodyAsJson(new { status = 200, error = false, message = "OK" }));
        var viettel = Carrier<ViettelPostCarrier>();
        var request = Request_();

        var quote = await viettel.QuoteAsync(request, CancellationToken.None);
        var booking = await viettel.BookAsync(request, CancellationToken.None);
        var tracking = await viettel.TrackAsync(booking.Reference, CancellationToken.None);
        await viettel.CancelAsync(booking.Reference, CancellationToken.None);

        Assert.Equal(28000m, quote.Fee);
        Assert.Equal("1234567890", booking.Reference);
        Assert.Equal(CarrierShipmentState.Delivered, tracking.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 34, 5, TimeSpan.Zero), tracking.UpdatedAt);
        var created = _viettel.LogEntries.Single(e => e.RequestMessage.Path == "/v2/order/createOrder").RequestMessage.Body!;
        Assert.Contains("\"RECEIVER_DISTRICT\":760", created);
        Assert.Contains("\"ORDER_PAYMENT\":3", created);
        Assert.Equal(1, Calls(_viettel, "/v2/user/Login"));
    }

    [Fact]
    public async Task A_viettelpost_business_error_is_not_retried()
    {
        _viettel.Given(Request.Create().WithPath("/v2/order/createOrder").UsingPost())
            .RespondWith(Response.Create().WithBodyAsJson(new { status = 204, error = true, message = "Receiver district invalid" }));

        var failure = await Assert.ThrowsAsync<CarrierException>(() => Carrier<ViettelPostCarrier>().BookAsync(Request_(), CancellationToken.None));

        Assert.False(failure.Retryable);
        Assert.Equal(1, Calls(_viettel, "/v2/order/createOrder"));
    }

    [Fact]
    public async Task Dispatch_falls_back_to_the_in_house_fleet_when_the_zones_carrier_keeps_failing()
    {
        _grab.Given(Request.Create().WithPath(Deliveries).UsingPost()).RespondWith(Response.Create().WithStatusCode(502));
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(carrier: "grab"));
        var orderId = Guid.NewGuid();
        var ready = new OrderReadyForDispatchIntegrationEvent(orderId, zone.WarehouseId, zone.Id, Guid.NewGuid(),
            DateTimeOffset.UtcNow.AddHours(2), DateTimeOffset.UtcNow.AddHours(3), Contracts.PaymentMethod.CashOnDelivery, 300_000m, 1,
            Guid.NewGuid());
        _services.GivenDropOff(orderId, ServiceFakes.NewDropOff());

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            await scope.ServiceProvider.GetRequiredService<ShipmentDispatcher>().DispatchAsync(ready, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        Assert.Equal(3, Calls(_grab, Deliveries));
        Assert.Equal(1, _services.DropOffCalls(orderId));
        var shipment = await _app.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == orderId));
        Assert.Equal(CarrierRegistry.InHouse, shipment.Carrier);
        Assert.Equal(Carriers.InHouse.InHouseFleetCarrier.ReferenceFor(orderId), shipment.CarrierReference);
        Assert.Contains("grab could not take the order", shipment.Events.Single().Description);
        var booked = await _app.OutboxAsync("ShipmentBooked");
        Assert.Contains(booked, p => p.Contains(orderId.ToString()) && p.Contains("inhouse"));
    }
}
