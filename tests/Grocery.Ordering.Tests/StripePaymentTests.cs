using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Contracts.Ordering;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Basket;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Line = Grocery.Ordering.Tests.Fulfilment.Line;

namespace Grocery.Ordering.Tests;

/// <summary>Card payments against the Stripe fake, with the real Stripe.net client; the browser's part is played by the fake.</summary>
public sealed class StripePaymentTests(OrderingInfrastructure infrastructure)
{
    private KafkaPeers Peers => infrastructure.Peers;

    private FakeStripe Stripe => infrastructure.Stripe;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Line Counted(string name, decimal price, decimal quantity = 2) =>
        new(infrastructure.Catalog.AddShelved(name, price, 8, soldByWeight: false, "ambient", Random.Shared.Next(1_000, int.MaxValue), "Aisle"), quantity);

    private Line Weighed(string name, decimal pricePerKg, decimal kg) =>
        new(infrastructure.Catalog.AddShelved(name, pricePerKg, 8, soldByWeight: true, "chilled", Random.Shared.Next(1_000, int.MaxValue), "Meat"), kg);

    [Fact]
    public async Task A_confirmed_card_is_authorised_for_the_estimate_plus_the_buffer_and_the_packed_total_is_captured_once_for_heavier_and_lighter_weights()
    {
        var pork = Weighed("Pork belly", 150_000m, 1.0m);
        var mackerel = Weighed("Mackerel", 33_333m, 0.6m);
        var rice = Counted("Rice 1 kg", 25_000m);
        var card = await CardOrderAsync(await infrastructure.SharedAppAsync(), pork, mackerel, rice);

        var intent = Stripe.IntentFor(card.OrderId)!;
        Assert.Equal((decimal.Ceiling(card.Placed.EstimatedTotal * 1.10m), "vnd", "manual"), (intent.Amount, intent.Currency, intent.CaptureMethod));
        Assert.Equal(new OrderPaymentSessionResponse("stripe", intent.ClientSecret, FakeStripe.PublishableKey), card.Placed.PaymentSession);
        await SecureStockAndSlotAsync(card.OrderId);
        var waiting = await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.AwaitingPayment);
        Assert.Equal(StepStatus.Pending, waiting.Steps.Payment);

        Stripe.Confirm(card.OrderId);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(card.App, FakeStripe.Webhook("payment_intent.amount_capturable_updated", Stripe.IntentFor(card.OrderId)!))).StatusCode);
        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.Confirmed);
        var authorized = await Peers.WaitForAsync<PaymentAuthorizedIntegrationEvent>(card.OrderId);
        Assert.Equal((Grocery.Contracts.PaymentMethod.Card, intent.Id, (decimal)intent.Amount), (authorized.PaymentMethod, authorized.PaymentIntentId, authorized.AuthorizedAmount));

        var fulfilment = new Fulfilment(card.App, card.Shopper, card.OrderId);
        await fulfilment.ClaimAsync();
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(1, infrastructure.Catalog.GtinOf(pork.Product.Id), null, 1.08m)).StatusCode);   // heavier
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(2, infrastructure.Catalog.GtinOf(mackerel.Product.Id), null, 0.5m)).StatusCode); // lighter
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(3, infrastructure.Catalog.GtinOf(rice.Product.Id), 2, null)).StatusCode);
        var pack = await fulfilment.PackAsync(1);
        Assert.Equal(HttpStatusCode.OK, pack.StatusCode);
        var packed = (await pack.Content.ReadFromJsonAsync<PackResponse>(KafkaPeers.Json, Ct))!;
        var captured = await Peers.WaitForAsync<PaymentCapturedIntegrationEvent>(card.OrderId);
        // A late success notification changes nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(card.App, FakeStripe.Webhook("payment_intent.succeeded", Stripe.IntentFor(card.OrderId)!))).StatusCode);

        // By hand: pork 150,000 × 1.08 = 162,000; mackerel 33,333 × 0.5 = 16,666.5 → 16,667; rice 50,000; fee 15,000.
        Assert.Equal(243_667m, packed.FinalTotal);
        Assert.Equal((OrderStatus.ReadyForDispatch, (decimal?)243_667m, (decimal?)0m), (packed.Status, packed.CapturedAmount, packed.AmountToCollect));
        Assert.Equal(243_667m, captured.CapturedAmount);
        var atStripe = Stripe.IntentFor(card.OrderId)!;
        Assert.Equal(("succeeded", 243_667L), (atStripe.Status, atStripe.AmountReceived));
        AssertOneOperation(Stripe.Requests("POST", $"/v1/payment_intents/{intent.Id}/capture"), $"order-{card.OrderId}-capture");
        Assert.Equal(1, (await fulfilment.OutboxCountsAsync())[PeerMessages.TypeName<PaymentCapturedIntegrationEvent>()]);
        Assert.Equal(1, (await fulfilment.OutboxCountsAsync())[PeerMessages.TypeName<PaymentAuthorizedIntegrationEvent>()]);
    }

    [Fact]
    public async Task A_declined_card_cancels_the_order_releases_stock_and_slot_and_voids_the_payment_intent()
    {
        var card = await CardOrderAsync(await infrastructure.SharedAppAsync(), Counted("Tea", 30_000m), Counted("Coffee", 45_000m));
        await SecureStockAndSlotAsync(card.OrderId);
        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.AwaitingPayment);

        Stripe.Decline(card.OrderId);
        var response = await SendAsync(card.App, FakeStripe.Webhook("payment_intent.payment_failed", Stripe.IntentFor(card.OrderId)!));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cancelled = await Peers.WaitForAsync<OrderCancelledIntegrationEvent>(card.OrderId);
        var failed = await Peers.WaitForAsync<PaymentFailedIntegrationEvent>(card.OrderId);
        var view = (await card.Shopper.GetOrderAsync(card.OrderId))!;
        Assert.Equal(Grocery.Contracts.OrderCancellationReason.PaymentFailed, cancelled.Reason);
        Assert.Equal("Your card has insufficient funds.", failed.Reason);
        Assert.Equal((StepStatus.Compensated, StepStatus.Compensated, StepStatus.Failed), (view.Steps.Stock, view.Steps.Slot, view.Steps.Payment));
        Assert.Equal("canceled", Stripe.IntentFor(card.OrderId)!.Status); // the browser cannot confirm it any more
        Assert.False(Peers.HasSeen<OrderConfirmedIntegrationEvent>(card.OrderId));
    }

    [Fact]
    public async Task A_card_authorised_before_inventory_answers_is_voided_once_when_the_stock_is_not_there()
    {
        var tea = Counted("Green tea", 30_000m);
        var card = await CardOrderAsync(await infrastructure.SharedAppAsync(), tea);
        var placed = await Peers.WaitForAsync<OrderPlacedIntegrationEvent>(card.OrderId);
        // The browser confirms the card (3-D Secure) while Inventory is still deciding.
        Stripe.Confirm(card.OrderId);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(card.App, FakeStripe.Webhook("payment_intent.amount_capturable_updated", Stripe.IntentFor(card.OrderId)!))).StatusCode);

        await Peers.PublishAsync(new SlotConfirmedIntegrationEvent(placed.OrderId, placed.SlotId, placed.SlotHoldId, placed.ZoneId,
            placed.SlotWindowStart, placed.SlotWindowEnd, placed.DeliveryFee));
        await Peers.PublishAsync(new StockReservationFailedIntegrationEvent(placed.OrderId, placed.WarehouseId,
            [new StockShortfallLine(placed.Lines[0].Sku, placed.Lines[0].Quantity, 0m)]));

        var cancelled = await Peers.WaitForAsync<OrderCancelledIntegrationEvent>(card.OrderId);
        var intent = await Eventually.GetAsync(() => Task.FromResult(Stripe.IntentFor(card.OrderId)), i => i?.Status == "canceled",
            "the authorisation is voided");
        var view = await Eventually.GetAsync(() => card.Shopper.GetOrderAsync(card.OrderId),
            o => o?.Steps.Payment == StepStatus.Compensated && o.Steps.Slot != StepStatus.Pending, "the order's payment and slot steps are settled");
        Assert.Equal(Grocery.Contracts.OrderCancellationReason.StockUnavailable, cancelled.Reason);
        Assert.Equal((OrderStatus.Cancelled, StepStatus.Failed, StepStatus.Compensated), (view!.Status, view.Steps.Stock, view.Steps.Slot));
        AssertOneOperation(Stripe.Requests("POST", $"/v1/payment_intents/{intent!.Id}/cancel"));
        Assert.Empty(Stripe.Requests("POST", $"/v1/payment_intents/{intent.Id}/capture"));
        Assert.False(Peers.HasSeen<OrderConfirmedIntegrationEvent>(card.OrderId));
    }

    [Fact]
    public async Task A_shopper_cancelling_an_authorised_card_order_voids_the_authorisation_once()
    {
        var card = await CardOrderAsync(await infrastructure.SharedAppAsync(), Counted("Soap", 28_000m));
        await SecureStockAndSlotAsync(card.OrderId);
        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.AwaitingPayment);
        Stripe.Confirm(card.OrderId);
        await SendAsync(card.App, FakeStripe.Webhook("payment_intent.amount_capturable_updated", Stripe.IntentFor(card.OrderId)!));
        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.Confirmed);

        var first = await card.Shopper.Client.PostAsync($"/api/v1/orders/{card.OrderId}/cancel", null, Ct);
        var again = await card.Shopper.Client.PostAsync($"/api/v1/orders/{card.OrderId}/cancel", null, Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var intent = Stripe.IntentFor(card.OrderId)!;
        Assert.Equal("canceled", intent.Status);
        AssertOneOperation(Stripe.Requests("POST", $"/v1/payment_intents/{intent.Id}/cancel"));
        Assert.Equal(StepStatus.Compensated, (await card.Shopper.GetOrderAsync(card.OrderId))!.Steps.Payment);
    }

    [Fact]
    public async Task The_webhook_arriving_before_the_checkout_answer_and_three_times_over_confirms_the_order_once_with_one_payment_intent()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await ShopperWithAsync(app, Counted("Noodles", 60_000m));
        var key = Guid.NewGuid().ToString();
        // The order id is known only once placed, so the fake holds the answer to the next new create, whatever its order.
        var gate = Stripe.HoldNextCreateResponse();
        var checkout = shopper.CheckoutAsync(key, shopper.Request with { PaymentMethod = PaymentMethod.Card });
        var placed = await Peers.WaitForAsync<OrderPlacedIntegrationEvent>(await OrderIdOfAsync(app, shopper));
        var orderId = placed.OrderId;
        await SecureStockAndSlotAsync(orderId);
        await shopper.WaitForStatusAsync(orderId, OrderStatus.AwaitingPayment);
        Stripe.Confirm(orderId);
        var eventId = $"evt_{Guid.NewGuid():N}";

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            answers.Add((await SendAsync(app, FakeStripe.Webhook("payment_intent.amount_capturable_updated", Stripe.IntentFor(orderId)!, eventId))).StatusCode);
        await shopper.WaitForStatusAsync(orderId, OrderStatus.Confirmed);
        Assert.False(checkout.IsCompleted); // the checkout's own call to Stripe has not been answered yet
        gate.SetResult();
        var response = await checkout;

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], answers);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, Ct))!;
        var intent = Assert.Single(Stripe.IntentsFor(orderId));
        Assert.Equal(intent.ClientSecret, body.PaymentSession!.ClientSecret);
        Assert.All(Stripe.CreateRequests(orderId), r => Assert.Equal($"order-{orderId}-authorize", r.IdempotencyKey));
        var fulfilment = new Fulfilment(app, shopper, orderId);
        Assert.Equal(1, (await fulfilment.OutboxCountsAsync())[PeerMessages.TypeName<PaymentAuthorizedIntegrationEvent>()]);
        Assert.Equal(1, await app.WithDbAsync(db => db.PaymentWebhookEvents.CountAsync(e => e.EventId == eventId, Ct)));
    }

    [Fact]
    public async Task Five_parallel_retries_of_a_card_checkout_place_one_order_with_exactly_one_payment_intent()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await ShopperWithAsync(app, Counted("Rice", 25_000m, 4));
        var key = Guid.NewGuid().ToString();
        var request = shopper.Request with { PaymentMethod = PaymentMethod.Card };

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => shopper.CheckoutAsync(key, request)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{r.StatusCode}"));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, Ct)));
        var orderId = Assert.Single(bodies.Select(b => b!.Id).Distinct());
        var intent = Assert.Single(Stripe.IntentsFor(orderId));
        Assert.All(bodies, b => Assert.Equal(intent.ClientSecret, b!.PaymentSession?.ClientSecret));
        var creates = Stripe.CreateRequests(orderId);
        Assert.NotEmpty(creates);
        Assert.All(creates, r => Assert.Equal($"order-{orderId}-authorize", r.IdempotencyKey));
        Assert.Equal(intent.Id, (await new Fulfilment(app, shopper, orderId).OrderAsync()).PaymentReference);
    }

    [Fact]
    public async Task A_forged_stale_or_missing_signature_is_refused_with_400_and_changes_nothing()
    {
        var card = await CardOrderAsync(await infrastructure.SharedAppAsync(), Counted("Milk", 32_000m));
        await SecureStockAndSlotAsync(card.OrderId);
        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.AwaitingPayment);
        var intent = Stripe.Confirm(card.OrderId);
        const string type = "payment_intent.amount_capturable_updated";
        var forged = FakeStripe.Webhook(type, intent, secret: "whsec_not_ours");
        var stale = FakeStripe.Webhook(type, intent, signedAt: DateTimeOffset.UtcNow.AddSeconds(-301));
        var missing = FakeStripe.Webhook(type, intent);
        missing.Headers.Remove("Stripe-Signature");
        var tampered = FakeStripe.Webhook(type, intent);
        tampered.Content = new StringContent((await tampered.Content!.ReadAsStringAsync(Ct)).Replace("\"amount\":", "\"amount\": ", StringComparison.Ordinal),
            System.Text.Encoding.UTF8, "application/json");

        var handledBefore = await card.App.WithDbAsync(db => db.PaymentWebhookEvents.CountAsync(Ct));

        foreach (var request in new[] { forged, stale, missing, tampered })
        {
            var response = await SendAsync(card.App, request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("stripeSignature", (await Fulfilment.ErrorsAsync(response)).Keys);
        }

        var view = (await card.Shopper.GetOrderAsync(card.OrderId))!;
        Assert.Equal((OrderStatus.AwaitingPayment, StepStatus.Pending), (view.Status, view.Steps.Payment));
        Assert.False(Peers.HasSeen<PaymentAuthorizedIntegrationEvent>(card.OrderId));
        Assert.Equal(handledBefore, await card.App.WithDbAsync(db => db.PaymentWebhookEvents.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_refused_line_is_refunded_in_part_and_a_failed_delivery_in_full_each_once_at_Stripe()
    {
        var tea = Counted("Green tea", 30_000m);
        var refusedAtDoor = await CapturedCardOrderAsync(tea, Counted("Biscuits", 45_000m));
        var failedDelivery = await CapturedCardOrderAsync(Counted("Flour", 22_000m, 3));
        var shipment = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        var delivered = new ShipmentDeliveredIntegrationEvent(refusedAtDoor.OrderId, shipment, now, null, [new RefusedLine(tea.Product.Sku, 1, "damaged")]);
        await Peers.PublishAsync(delivered);
        await Peers.PublishAsync(delivered with { });
        var failed = new ShipmentFailedIntegrationEvent(failedDelivery.OrderId, Guid.NewGuid(), "inhouse", "no one home", now);
        await Peers.PublishAsync(failed);
        await Peers.PublishAsync(failed with { });
        var partial = await Peers.WaitForAsync<PaymentRefundedIntegrationEvent>(refusedAtDoor.OrderId);
        var full = await Peers.WaitForAsync<PaymentRefundedIntegrationEvent>(failedDelivery.OrderId);
        await refusedAtDoor.Shopper.WaitForStatusAsync(refusedAtDoor.OrderId, OrderStatus.Delivered);
        await failedDelivery.Shopper.WaitForStatusAsync(failedDelivery.OrderId, OrderStatus.DeliveryFailed);
        // A marker after the repeats on each order's key: once it is handled, so are they.
        await Peers.PublishAsync(new ShipmentBookedIntegrationEvent(refusedAtDoor.OrderId, shipment, "inhouse", "MARK-1", now));
        await Peers.PublishAsync(new ShipmentBookedIntegrationEvent(failedDelivery.OrderId, Guid.NewGuid(), "inhouse", "MARK-2", now));
        await Eventually.GetAsync(async () => (Order?)await refusedAtDoor.OrderAsync(), o => o!.TrackingNumber == "MARK-1", "the marker is handled");
        await Eventually.GetAsync(async () => (Order?)await failedDelivery.OrderAsync(), o => o!.TrackingNumber == "MARK-2", "the marker is handled");

        var partialAtStripe = Assert.Single(Stripe.RefundsFor(refusedAtDoor.OrderId));
        var fullAtStripe = Assert.Single(Stripe.RefundsFor(failedDelivery.OrderId));
        Assert.Equal((30_000L, 30_000m), (partialAtStripe.Amount, partial.RefundedAmount));
        var captured = (await failedDelivery.OrderAsync()).CapturedAmount!.Value;
        Assert.Equal((81_000L, 81_000m, 81_000m), (fullAtStripe.Amount, full.RefundedAmount, captured)); // 3 × 22,000 + 15,000 fee
        AssertOneOperation(Stripe.Requests("POST", "/v1/refunds").Where(r => r.Body.Contains(refusedAtDoor.OrderId.ToString(), StringComparison.Ordinal)).ToList(),
            $"order-{refusedAtDoor.OrderId}-refund-refused-at-the-door");
        Assert.Equal(1, (await refusedAtDoor.OutboxCountsAsync())[PeerMessages.TypeName<PaymentRefundedIntegrationEvent>()]);
        Assert.Equal(1, (await failedDelivery.OutboxCountsAsync())[PeerMessages.TypeName<PaymentRefundedIntegrationEvent>()]);
    }

    [Fact]
    public async Task Without_Stripe_keys_a_card_checkout_is_refused_with_a_400_naming_the_payment_method()
    {
        await using var app = await OrderingApp.StartAsync(infrastructure, settings: new Dictionary<string, string> { ["Stripe:SecretKey"] = "" });
        var shopper = await ShopperWithAsync(app, Counted("Salt", 60_000m));

        var response = await shopper.CheckoutAsync(request: shopper.Request with { PaymentMethod = PaymentMethod.Card });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single((await Fulfilment.ErrorsAsync(response))["paymentMethod"]);
        Assert.Contains("CashOnDelivery", problem);
        Assert.Equal(HttpStatusCode.Created, (await shopper.CheckoutAsync()).StatusCode);
    }

    [Fact]
    public async Task A_card_confirmed_while_its_webhook_is_lost_is_settled_by_the_poll()
    {
        await using var app = await OrderingApp.StartAsync(infrastructure,
            settings: new Dictionary<string, string> { ["Ordering:PaymentPollInterval"] = "00:00:00.200" });
        var card = await CardOrderAsync(app, Counted("Pepper", 55_000m));
        await SecureStockAndSlotAsync(card.OrderId);
        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.AwaitingPayment);

        Stripe.Confirm(card.OrderId);

        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.Confirmed);
        Assert.Empty(await app.WithDbAsync(db => db.PaymentWebhookEvents.ToListAsync(Ct)));
        Assert.Single(Stripe.IntentsFor(card.OrderId));
    }

    [Fact]
    public async Task A_slot_six_days_ahead_saves_the_card_at_checkout_and_authorises_it_off_session_24_hours_before_the_slot_once()
    {
        var far = await FarAheadCardOrderAsync();
        var worker = Worker(far.App);
        var order = await new Fulfilment(far.App, far.Shopper, far.OrderId).OrderAsync();
        Assert.Equal(order.SlotWindowStart - TimeSpan.FromHours(24), order.AuthoriseAt);
        Assert.Equal((OrderStatus.Confirmed, StepStatus.Succeeded), (order.Status, order.Payment));
        Assert.Empty(Stripe.IntentsFor(far.OrderId)); // nothing is held days before the slot

        var early = await worker.AuthoriseSavedCardsAsync(order.AuthoriseAt!.Value.AddMinutes(-1), Ct);
        var due = await worker.AuthoriseSavedCardsAsync(order.AuthoriseAt!.Value.AddMinutes(1), Ct);
        var again = await worker.AuthoriseSavedCardsAsync(order.AuthoriseAt!.Value.AddMinutes(2), Ct);

        Assert.Equal((0, 1, 0), (early, due, again));
        var intent = Assert.Single(Stripe.IntentsFor(far.OrderId));
        Assert.Equal(("requires_capture", true, decimal.Ceiling(order.EstimatedTotal * 1.10m)), (intent.Status, intent.OffSession, (decimal)intent.Amount));
        Assert.Equal([$"order-{far.OrderId}-authorize-off-session"], Stripe.CreateRequests(far.OrderId).Select(r => r.IdempotencyKey));
        var authorized = await Peers.WaitForAsync<PaymentAuthorizedIntegrationEvent>(far.OrderId);
        Assert.Equal(intent.Id, authorized.PaymentIntentId);
        var after = await new Fulfilment(far.App, far.Shopper, far.OrderId).OrderAsync();
        Assert.Equal((intent.Id, (DateTimeOffset?)null, OrderStatus.Confirmed), (after.PaymentReference, after.AuthoriseAt, after.Status));
    }

    [Fact]
    public async Task A_saved_card_declined_the_day_before_cancels_the_order_and_releases_stock_and_slot()
    {
        var far = await FarAheadCardOrderAsync();
        var order = await new Fulfilment(far.App, far.Shopper, far.OrderId).OrderAsync();
        Stripe.DeclineOffSession(far.OrderId);

        Assert.Equal(1, await Worker(far.App).AuthoriseSavedCardsAsync(order.AuthoriseAt!.Value.AddMinutes(1), Ct));

        var cancelled = await Peers.WaitForAsync<OrderCancelledIntegrationEvent>(far.OrderId);
        var failed = await Peers.WaitForAsync<PaymentFailedIntegrationEvent>(far.OrderId);
        var view = (await far.Shopper.GetOrderAsync(far.OrderId))!;
        Assert.Equal(Grocery.Contracts.OrderCancellationReason.PaymentFailed, cancelled.Reason);
        Assert.Equal("Your card was declined.", failed.Reason);
        Assert.Contains("Your card was declined.", view.Cancellation!.Message);
        Assert.Equal((OrderStatus.Cancelled, StepStatus.Compensated, StepStatus.Compensated), (view.Status, view.Steps.Stock, view.Steps.Slot));
    }

    [Fact]
    public void The_fake_signs_webhooks_as_Stripe_does_and_speaks_the_API_version_of_the_pinned_client()
    {
        const string payload = "{\"id\":\"evt_1\"}";
        var at = DateTimeOffset.UtcNow;

        Assert.Equal(FakeStripe.ApiVersion, global::Stripe.StripeConfiguration.ApiVersion);
        Assert.Equal(global::Stripe.EventUtility.GenerateSignatureHeader(payload, FakeStripe.WebhookSecret, at.ToUnixTimeSeconds()),
            FakeStripe.SignatureHeader(payload, FakeStripe.WebhookSecret, at));
    }

    private static Background.SagaTimeoutWorker Worker(OrderingApp app) =>
        app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Background.SagaTimeoutWorker>().Single();

    /// <summary>A card order for a slot six days ahead, its card saved in the browser and the order confirmed.</summary>
    private async Task<CardOrder> FarAheadCardOrderAsync()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await ShopperWithAsync(app, Counted("Olive oil", 80_000m, 1));
        var hold = infrastructure.Delivery.AddHold(shopper.Zone, windowIn: TimeSpan.FromDays(6));
        var response = await shopper.CheckoutAsync(request: shopper.Request with { SlotHoldId = hold.HoldId, PaymentMethod = PaymentMethod.Card });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var placed = (await response.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, Ct))!;
        var setup = Stripe.SetupFor(placed.Id)!;
        Assert.Equal((setup.ClientSecret, "off_session"), (placed.PaymentSession!.ClientSecret, setup.Usage));
        await SecureStockAndSlotAsync(placed.Id);
        await shopper.WaitForStatusAsync(placed.Id, OrderStatus.AwaitingPayment);
        Stripe.ConfirmSetup(placed.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(app, FakeStripe.Webhook("setup_intent.succeeded", Stripe.SetupFor(placed.Id)!))).StatusCode);
        await shopper.WaitForStatusAsync(placed.Id, OrderStatus.Confirmed);
        Assert.False((await new Fulfilment(app, shopper, placed.Id).OutboxCountsAsync()).ContainsKey(PeerMessages.TypeName<PaymentAuthorizedIntegrationEvent>()));
        return new CardOrder(app, shopper, placed.Id, placed);
    }

    private sealed record CardOrder(OrderingApp App, Shopper Shopper, Guid OrderId, OrderResponse Placed);

    private async Task<CardOrder> CardOrderAsync(OrderingApp app, params Line[] lines)
    {
        var shopper = await ShopperWithAsync(app, lines);
        var response = await shopper.CheckoutAsync(request: shopper.Request with { PaymentMethod = PaymentMethod.Card });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var placed = (await response.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, Ct))!;
        return new CardOrder(app, shopper, placed.Id, placed);
    }

    /// <summary>Confirmed by card, picked as ordered and packed: the packed total is captured.</summary>
    private async Task<Fulfilment> CapturedCardOrderAsync(params Line[] lines)
    {
        var card = await CardOrderAsync(await infrastructure.SharedAppAsync(), lines);
        await SecureStockAndSlotAsync(card.OrderId);
        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.AwaitingPayment);
        Stripe.Confirm(card.OrderId);
        await SendAsync(card.App, FakeStripe.Webhook("payment_intent.amount_capturable_updated", Stripe.IntentFor(card.OrderId)!));
        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.Confirmed);
        var fulfilment = new Fulfilment(card.App, card.Shopper, card.OrderId);
        await fulfilment.ClaimAsync();
        for (var i = 0; i < lines.Length; i++)
            Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(i + 1, infrastructure.Catalog.GtinOf(lines[i].Product.Id), lines[i].Quantity, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PackAsync(1)).StatusCode);
        await card.Shopper.WaitForStatusAsync(card.OrderId, OrderStatus.ReadyForDispatch);
        Assert.Equal("succeeded", Stripe.IntentFor(card.OrderId)!.Status);
        return fulfilment;
    }

    private async Task<Shopper> ShopperWithAsync(OrderingApp app, params Line[] lines)
    {
        var shopper = await new Shopper(app, infrastructure).ReadyAsync(lines: 0);
        foreach (var line in lines)
        {
            var response = await shopper.Client.PutAsJsonAsync($"/api/v1/basket/lines/{line.Product.Id}",
                new UpdateBasketLineRequest(line.Quantity, line.Substitution, line.SubstituteSku, null), KafkaPeers.Json, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return shopper;
    }

    private async Task SecureStockAndSlotAsync(Guid orderId)
    {
        var placed = await Peers.WaitForAsync<OrderPlacedIntegrationEvent>(orderId);
        await Peers.PublishAsync(new StockReservedIntegrationEvent(placed.OrderId, placed.WarehouseId,
            placed.Lines.Select(l => new ReservedLine(l.Sku, l.Quantity)).ToList(), DateTimeOffset.UtcNow.AddMinutes(15)));
        await Peers.PublishAsync(new SlotConfirmedIntegrationEvent(placed.OrderId, placed.SlotId, placed.SlotHoldId, placed.ZoneId,
            placed.SlotWindowStart, placed.SlotWindowEnd, placed.DeliveryFee));
    }

    private static async Task<Guid> OrderIdOfAsync(OrderingApp app, Shopper shopper) =>
        await Eventually.GetAsync(
            () => app.WithDbAsync(db => db.Orders.Where(o => o.UserId == shopper.UserId).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(Ct)),
            id => id is not null, "the order is placed") ?? Guid.Empty;

    private static async Task<HttpResponseMessage> SendAsync(OrderingApp app, HttpRequestMessage request)
    {
        using var client = app.CreateClient(); // anonymous, as Stripe is
        return await client.SendAsync(request, Ct);
    }

    /// <summary>
    /// One operation at Stripe: a saga step retried after a concurrent change of the order calls Stripe again under
    /// the same idempotency key, and Stripe answers with the first result, so every call must carry that one key.
    /// </summary>
    private static void AssertOneOperation(IReadOnlyList<(string Path, string? IdempotencyKey, string Body)> requests, string? key = null)
    {
        Assert.NotEmpty(requests);
        var keys = requests.Select(r => r.IdempotencyKey).Distinct().ToList();
        Assert.NotNull(Assert.Single(keys));
        if (key is not null) Assert.Equal(key, keys[0]);
    }
}
