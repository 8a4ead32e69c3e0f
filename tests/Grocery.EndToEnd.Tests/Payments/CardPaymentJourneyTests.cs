using System.Net;
using System.Net.Http.Json;
using System.Web;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Payments;

/// <summary>
/// A card order's life through the AppHost, with Stripe faked at the HTTP boundary (Ordering's real Stripe.net
/// client pointed at the fake by the stripe-api-base parameter): the PaymentIntent at checkout, the browser's
/// confirmation and Stripe's signed webhook through the gateway, picking heavier than ordered, and one capture
/// of the packed total. The fake's request log is the witness for idempotency keys and call counts.
/// </summary>
public sealed class CardPaymentJourneyTests(GroceryAppFixture system)
{
    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(90);

    private FakeStripe Stripe => system.Stripe;

    [Fact]
    public async Task A_card_order_confirmed_in_the_browser_is_captured_exactly_once_for_the_packed_total_of_a_heavier_weighed_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, pork, rice, picker, shopper) = await ShopAsync(ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(pork.Product, 1.0m), (rice.Product, 2m)], ct);

        var placed = await (await shopper.CheckoutAsync(hold.HoldId, store.Postcode, Guid.NewGuid().ToString(), ct, CardPayments.Card))
            .ExpectAsync(HttpStatusCode.Created).ReadAsync<CardCheckoutView>(ct);

        var intent = Assert.Single(Stripe.IntentsFor(placed.Id));
        Assert.Equal((decimal.Ceiling(placed.EstimatedTotal * 1.10m), "vnd", "manual"), ((decimal)intent.Amount, intent.Currency, intent.CaptureMethod));
        Assert.Equal(new PaymentSessionView("stripe", intent.ClientSecret, FakeStripe.PublishableKey), placed.PaymentSession);
        Assert.Equal([CardPayments.AuthorizeKey(placed.Id)], Stripe.CreateRequests(placed.Id).Select(r => r.IdempotencyKey).Distinct());
        var waiting = await Eventually.Until(() => shopper.OrderAsync(placed.Id, ct), o => o.Status == "AwaitingPayment", Settles);
        Assert.Equal(("AwaitingPayment", "Pending"), (waiting.Status, waiting.Steps.Payment));

        await CardPayments.ConfirmInBrowserAsync(Stripe, placed.PaymentSession!, ct);
        await CardPayments.SendWebhookAsync(system, "payment_intent.amount_capturable_updated", Stripe.IntentFor(placed.Id)!, ct);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(placed.Id, ct)).Status);

        var packed = await PickAndPackAsync(picker, placed.Id, (pork, 1.08m), (rice, 2m), ct);

        // By hand: pork 150,000 × 1.08 = 162,000 (heavier than the 1.0 kg ordered, within the 10 % held); rice 2 × 25,000.
        Assert.Equal(212_000m, packed.FinalSubtotal);
        Assert.Equal(packed.FinalSubtotal + packed.DeliveryFee, packed.FinalTotal);
        Assert.True(packed.FinalTotal > placed.EstimatedTotal && packed.FinalTotal <= intent.Amount, $"{packed.FinalTotal} is not between the estimate and the hold.");
        await AssertCapturedOnceAsync(shopper, placed.Id, packed.FinalTotal, ct);
    }

    /// <summary>
    /// The fake holds its answer to the PaymentIntent create, so the PaymentIntent exists at Stripe but Ordering
    /// never hears of it: Ordering is killed with SIGKILL right then, restarted, and the shopper's checkout is retried
    /// with the same Idempotency-Key. Stripe's idempotency (the order's key) must hand back the same PaymentIntent.
    /// </summary>
    [Fact]
    public async Task Ordering_killed_after_creating_the_payment_intent_and_a_retried_checkout_leave_one_payment_intent_and_one_capture()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, pork, rice, picker, shopper) = await ShopAsync(ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(pork.Product, 0.5m), (rice.Product, 1m)], ct);
        var checkoutKey = Guid.NewGuid().ToString();
        var pidBefore = await ResourceProcesses.PidAsync(system, ResourceNames.Ordering, ct);
        var createsBefore = Stripe.Requests("POST", "/v1/payment_intents").Count(r => r.Path == "/v1/payment_intents");

        var gate = Stripe.HoldNextCreateResponse();
        var lost = shopper.CheckoutAsync(hold.HoldId, store.Postcode, checkoutKey, ct, CardPayments.Card);
        var create = await Eventually.GetAsync(
            () => Task.FromResult(Stripe.Requests("POST", "/v1/payment_intents").Where(r => r.Path == "/v1/payment_intents").Skip(createsBefore).FirstOrDefault()),
            r => r.IdempotencyKey is not null, "Ordering has asked the fake for the PaymentIntent", timeoutSeconds: 120);
        var orderId = Guid.Parse(HttpUtility.ParseQueryString(create.Body)["metadata[order_id]"]!);
        Assert.NotNull(Stripe.IntentFor(orderId));
        try
        {
            await ResourceProcesses.KillAsync(system, ResourceNames.Ordering, ct);
        }
        finally
        {
            gate.TrySetResult();
        }
        try
        {
            await AssertLostAsync(lost);
        }
        finally
        {
            // The tests after this one share the system: Ordering comes back even when this one fails.
            await system.App.StartResourceAsync(ResourceNames.Ordering, ct);
        }
        Assert.NotEqual(pidBefore, await ResourceProcesses.PidAsync(system, ResourceNames.Ordering, ct));

        var retried = await (await shopper.CheckoutAsync(hold.HoldId, store.Postcode, checkoutKey, ct, CardPayments.Card))
            .ExpectAsync(HttpStatusCode.OK).ReadAsync<CardCheckoutView>(ct);

        Assert.Equal(orderId, retried.Id);
        var intent = Assert.Single(Stripe.IntentsFor(orderId));
        Assert.Equal(intent.ClientSecret, retried.PaymentSession?.ClientSecret);
        var creates = Stripe.CreateRequests(orderId);
        Assert.True(creates.Count >= 2, $"Expected the create to be asked again after the restart; the fake saw {creates.Count}.");
        Assert.All(creates, r => Assert.Equal(CardPayments.AuthorizeKey(orderId), r.IdempotencyKey));

        await CardPayments.ConfirmInBrowserAsync(Stripe, retried.PaymentSession!, ct);
        await CardPayments.SendWebhookAsync(system, "payment_intent.amount_capturable_updated", Stripe.IntentFor(orderId)!, ct);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(orderId, ct)).Status);
        var packed = await PickAndPackAsync(picker, orderId, (pork, 0.5m), (rice, 1m), ct);
        await AssertCapturedOnceAsync(shopper, orderId, packed.FinalTotal, ct);
        Assert.Single(Stripe.IntentsFor(orderId));
    }

    private async Task<(TestStore Store, ImportedProduct Pork, ImportedProduct Rice, UserSession Picker, ShopperSession Shopper)> ShopAsync(CancellationToken ct)
    {
        var manager = await SystemAccounts.StaffAsync(system, ct);
        var products = await TestCatalog.ImportAsync(system, manager,
        [
            new("Thịt ba chỉ", 150_000m, TaxRate: 5, SoldByWeight: true, Storage: "chilled"),
            new("Gạo ST25 1 kg", 25_000m, TaxRate: 5, Unit: "g", NetContent: 1000),
        ], ct);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [products[0].Sku] = 10m, [products[1].Sku] = 10m }, slotCapacity: 5, ct);
        var picker = await SystemAccounts.WarehouseStaffAsync(system, GroceryRoles.Picker, ct);
        await SystemAccounts.AssignAsync(system, picker, store.WarehouseId, ct);
        return (store, products[0], products[1], picker, await SystemAccounts.ShopperAsync(system, 0, ct));
    }

    private static async Task<PackView> PickAndPackAsync(UserSession picker, Guid orderId, (ImportedProduct Product, decimal Kg) weighed,
        (ImportedProduct Product, decimal Count) counted, CancellationToken ct)
    {
        var picking = await picker.ClientAsync(ResourceNames.Ordering, ct);
        await (await picking.PostAsync($"/api/v1/picking/{orderId}/claim", null, ct)).ExpectAsync(HttpStatusCode.OK);
        var list = await (await picking.GetAsync($"/api/v1/picking/{orderId}", ct)).ExpectAsync(HttpStatusCode.OK).ReadAsync<PickListView>(ct);
        await (await picking.PostAsJsonAsync($"/api/v1/picking/{orderId}/lines/{list.Line(weighed.Product.Sku).LineNo}/pick",
            new { gtin = weighed.Product.Gtin, weightKg = weighed.Kg }, ApiJson.Options, ct)).ExpectAsync(HttpStatusCode.OK);
        await (await picking.PostAsJsonAsync($"/api/v1/picking/{orderId}/lines/{list.Line(counted.Product.Sku).LineNo}/pick",
            new { gtin = counted.Product.Gtin, quantity = counted.Count }, ApiJson.Options, ct)).ExpectAsync(HttpStatusCode.OK);
        return await (await picking.PostAsJsonAsync($"/api/v1/picking/{orderId}/pack", new { packageCount = 1 }, ApiJson.Options, ct))
            .ExpectAsync(HttpStatusCode.OK).ReadAsync<PackView>(ct);
    }

    /// <summary>
    /// One capture at the fake, under the order's capture key, for the packed total; the receipt says it is paid. A pack
    /// step retried after a concurrent change of the order asks again under the same key and gets the first answer.
    /// </summary>
    private async Task AssertCapturedOnceAsync(ShopperSession shopper, Guid orderId, decimal packedTotal, CancellationToken ct)
    {
        var paid = await Eventually.Until(async () => await (await shopper.GetOrderResponseAsync(orderId, ct)).ExpectAsync(HttpStatusCode.OK).ReadAsync<PaidOrderView>(ct),
            o => o.Receipt?.Paid > 0m, Settles);
        Assert.Equal(("Card", packedTotal, packedTotal, 0m), (paid.Receipt?.PaymentMethod, paid.Receipt?.Total, paid.Receipt?.Paid, paid.Receipt?.ToCollect));
        var intent = Stripe.IntentFor(orderId)!;
        Assert.Equal(("succeeded", (long)packedTotal), (intent.Status, intent.AmountReceived));
        var captures = Stripe.Requests("POST", $"/v1/payment_intents/{intent.Id}/capture");
        Assert.NotEmpty(captures);
        Assert.All(captures, capture =>
        {
            Assert.Equal(CardPayments.CaptureKey(orderId), capture.IdempotencyKey);
            Assert.Equal(((long)packedTotal).ToString(System.Globalization.CultureInfo.InvariantCulture), HttpUtility.ParseQueryString(capture.Body)["amount_to_capture"]);
        });
    }

    /// <summary>The first checkout's answer died with Ordering: the connection drops, or the proxy answers with a server error.</summary>
    private static async Task AssertLostAsync(Task<HttpResponseMessage> checkout)
    {
        try
        {
            using var response = await checkout;
            Assert.False(response.IsSuccessStatusCode, $"The checkout answered {(int)response.StatusCode} although Ordering was killed before answering.");
        }
        catch (HttpRequestException)
        {
        }
    }
}
