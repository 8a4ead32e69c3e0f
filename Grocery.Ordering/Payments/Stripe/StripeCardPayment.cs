using System.Net;
using Grocery.Ordering.Saga;
using Microsoft.Extensions.Options;
using Stripe;

namespace Grocery.Ordering.Payments.Stripe;

/// <summary>
/// Card payments through Stripe: a manual-capture PaymentIntent per order, confirmed by the browser
/// (3-D Secure there), captured for the packed amount, refunded by reason. Every call that changes
/// something carries an idempotency key made of the order id and the step, so a retried step, a
/// parallel checkout retry or a resumed saga reaches the same PaymentIntent, capture or refund.
/// </summary>
internal sealed class StripeCardPayment(
    IStripeClient client,
    IOptions<StripeOptions> stripe,
    IOptions<OrderingOptions> ordering,
    IOptions<PaymentsOptions> payments,
    ILogger<StripeCardPayment> logger) : IBrowserPaymentMethod
{
    public const string OrderIdMetadata = "order_id";

    private const string SetupIntentPrefix = "seti_";

    public PaymentMethod Method => PaymentMethod.Card;

    private PaymentIntentService Intents => new(client);

    public async Task<PaymentSession> StartAsync(Order order, CancellationToken cancellationToken)
    {
        if (payments.Value.SavesCardFirst(order))
        {
            var setup = await CallAsync(() => SetupIntentOfAsync(order, cancellationToken));
            return new PaymentSession("stripe", setup.Id, setup.ClientSecret, stripe.Value.PublishableKey!);
        }
        var intent = await CallAsync(() => IntentOfAsync(order, cancellationToken));
        return new PaymentSession("stripe", intent.Id, intent.ClientSecret, stripe.Value.PublishableKey!);
    }

    /// <summary>Authorised once the browser confirmed the card and Stripe holds the money (requires_capture).</summary>
    public async Task<PaymentAuthorization> AuthorizeAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.AuthoriseAt is not null) return await AuthorizeSavedCardAsync(order, cancellationToken);
        if (payments.Value.SavesCardFirst(order)) return await SaveCardAsync(order, cancellationToken);
        PaymentIntent intent;
        try
        {
            intent = await CallAsync(() => IntentOfAsync(order, cancellationToken));
        }
        catch (PaymentProviderUnavailableException e)
        {
            // The poll in the timeout worker asks again; the saga's deadline bounds the wait.
            logger.LogWarning(e, "Order {OrderId}: Stripe unreachable during authorisation; waiting", order.Id);
            return new PaymentAuthorization(PaymentAuthorizationOutcome.Pending, order.PaymentReference, null);
        }
        return intent.Status switch
        {
            "requires_capture" => PaymentAuthorization.Authorized(intent.Id, intent.AmountCapturable),
            "succeeded" => PaymentAuthorization.Authorized(intent.Id, intent.AmountReceived),
            "canceled" => PaymentAuthorization.Declined("The card payment was cancelled."),
            "requires_payment_method" when intent.LastPaymentError is { } error =>
                PaymentAuthorization.Declined(error.Message ?? error.DeclineCode ?? error.Code ?? "The card was declined."),
            _ => PaymentAuthorization.Pending(intent.Id),
        };
    }

    /// <summary>Voids the authorisation (or the unconfirmed PaymentIntent, so the browser cannot confirm it any more).</summary>
    public async Task CancelAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.PaymentReference is not { } id) return;
        if (id.StartsWith(SetupIntentPrefix, StringComparison.Ordinal))
        {
            // A saved card holds no money; an unconfirmed SetupIntent is cancelled so the browser cannot complete it.
            var setups = new SetupIntentService(client);
            var setup = await CallAsync(() => setups.GetAsync(id, cancellationToken: cancellationToken));
            if (setup.Status is not ("succeeded" or "canceled"))
                await CallAsync(() => setups.CancelAsync(id, new SetupIntentCancelOptions { CancellationReason = "abandoned" }, Key(order, "setup-cancel"), cancellationToken));
            return;
        }
        var intent = await CallAsync(() => Intents.GetAsync(id, cancellationToken: cancellationToken));
        switch (intent.Status)
        {
            case "canceled":
                return;
            case "succeeded":
                logger.LogWarning("Order {OrderId}: the card payment is already captured; it is refunded, not voided", order.Id);
                return;
            default:
                await CallAsync(() => Intents.CancelAsync(id, new PaymentIntentCancelOptions { CancellationReason = "abandoned" },
                    Key(order, "cancel"), cancellationToken));
                return;
        }
    }

    public async Task<PaymentCapture> CaptureAsync(Order order, decimal amount, CancellationToken cancellationToken)
    {
        if (order.PaymentReference is not { } id || id.StartsWith(SetupIntentPrefix, StringComparison.Ordinal))
            return PaymentCapture.Failed("The order has no authorised card payment to capture.");
        var intent = await CallAsync(() => Intents.GetAsync(id, cancellationToken: cancellationToken));
        switch (intent.Status)
        {
            case "succeeded":
                return PaymentCapture.Captured(intent.AmountReceived, intent.Id);
            case "requires_capture":
                var wanted = ToMinorUnits(amount);
                if (wanted > intent.AmountCapturable)
                    logger.LogWarning("Order {OrderId}: the final amount {Amount} is above the authorisation {Authorised}; capturing the authorisation",
                        order.Id, wanted, intent.AmountCapturable);
                try
                {
                    var captured = await CallAsync(() => Intents.CaptureAsync(id,
                        new PaymentIntentCaptureOptions { AmountToCapture = Math.Min(wanted, intent.AmountCapturable) },
                        Key(order, "capture"), cancellationToken));
                    return PaymentCapture.Captured(captured.AmountReceived, captured.Id);
                }
                catch (StripeException e) when (IsRefusal(e))
                {
                    return PaymentCapture.Failed(e.StripeError?.Message ?? e.Message);
                }
            default:
                return PaymentCapture.Failed($"The card payment is {intent.Status} and cannot be captured.");
        }
    }

    /// <summary>One refund per order and reason: the same reason again returns the first refund.</summary>
    public async Task<PaymentRefund> RefundAsync(Order order, decimal amount, string reason, CancellationToken cancellationToken)
    {
        if (order.PaymentReference is not { } id || order.CapturedAmount is not > 0m)
            return new PaymentRefund(amount, $"stripe-uncaptured:{order.Id}", MoneyReturned: false);
        var refund = await CallAsync(() => new RefundService(client).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = id,
            Amount = ToMinorUnits(amount),
            Reason = "requested_by_customer",
            Metadata = new Dictionary<string, string> { [OrderIdMetadata] = order.Id.ToString(), ["reason"] = reason },
        }, Key(order, "refund-" + Slug(reason)), cancellationToken));
        return new PaymentRefund(refund.Amount, refund.Id, MoneyReturned: true);
    }

    /// <summary>Slot far ahead, at checkout: the card is saved for off-session use; nothing is held yet.</summary>
    private async Task<PaymentAuthorization> SaveCardAsync(Order order, CancellationToken cancellationToken)
    {
        SetupIntent setup;
        try
        {
            setup = await CallAsync(() => SetupIntentOfAsync(order, cancellationToken));
        }
        catch (PaymentProviderUnavailableException e)
        {
            logger.LogWarning(e, "Order {OrderId}: Stripe unreachable while saving the card; waiting", order.Id);
            return new PaymentAuthorization(PaymentAuthorizationOutcome.Pending, order.PaymentReference, null);
        }
        return setup.Status switch
        {
            "succeeded" => PaymentAuthorization.Saved(setup.Id, payments.Value.AuthoriseAt(order)),
            "canceled" => PaymentAuthorization.Declined("Saving the card was cancelled."),
            "requires_payment_method" when setup.LastSetupError is { } error =>
                PaymentAuthorization.Declined(error.Message ?? error.DeclineCode ?? error.Code ?? "The card was declined."),
            _ => PaymentAuthorization.Pending(setup.Id),
        };
    }

    /// <summary>The day before the slot: the saved card is authorised off-session (the shopper is not there for 3-D Secure).</summary>
    private async Task<PaymentAuthorization> AuthorizeSavedCardAsync(Order order, CancellationToken cancellationToken)
    {
        try
        {
            var setup = await CallAsync(() => new SetupIntentService(client).GetAsync(order.PaymentReference, cancellationToken: cancellationToken));
            var intent = await CallAsync(() => Intents.CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = ToMinorUnits(order.AuthorizationAmount(ordering.Value.WeighedBuffer)),
                Currency = "vnd",
                CaptureMethod = "manual",
                Customer = setup.CustomerId,
                PaymentMethod = setup.PaymentMethodId,
                OffSession = true,
                Confirm = true,
                Metadata = new Dictionary<string, string> { [OrderIdMetadata] = order.Id.ToString() },
            }, Key(order, "authorize-off-session"), cancellationToken));
            return intent.Status == "requires_capture"
                ? PaymentAuthorization.Authorized(intent.Id, intent.AmountCapturable)
                : PaymentAuthorization.Declined($"The saved card could not be authorised ({intent.Status}).");
        }
        catch (StripeException e) when (IsRefusal(e))
        {
            return PaymentAuthorization.Declined(e.StripeError?.Message ?? e.Message);
        }
        catch (PaymentProviderUnavailableException e)
        {
            logger.LogWarning(e, "Order {OrderId}: Stripe unreachable while authorising the saved card; the next sweep asks again", order.Id);
            return new PaymentAuthorization(PaymentAuthorizationOutcome.Pending, order.PaymentReference, null);
        }
    }

    /// <summary>The order's SetupIntent (with a customer to keep the card on), created under the order's keys or read when known.</summary>
    private async Task<SetupIntent> SetupIntentOfAsync(Order order, CancellationToken cancellationToken)
    {
        var setups = new SetupIntentService(client);
        if (order.PaymentReference is { } id) return await setups.GetAsync(id, cancellationToken: cancellationToken);
        var metadata = new Dictionary<string, string> { [OrderIdMetadata] = order.Id.ToString() };
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions { Metadata = metadata }, Key(order, "customer"), cancellationToken);
        return await setups.CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id, Usage = "off_session", Metadata = metadata },
            Key(order, "setup"), cancellationToken);
    }

    /// <summary>The order's PaymentIntent: read when known, else created under the order's key (which returns the one created before, if any).</summary>
    private Task<PaymentIntent> IntentOfAsync(Order order, CancellationToken cancellationToken) =>
        order.PaymentReference is { } id
            ? Intents.GetAsync(id, cancellationToken: cancellationToken)
            : Intents.CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = ToMinorUnits(order.AuthorizationAmount(ordering.Value.WeighedBuffer)),
                Currency = "vnd",
                CaptureMethod = "manual",
                Metadata = new Dictionary<string, string> { [OrderIdMetadata] = order.Id.ToString() },
            }, Key(order, "authorize"), cancellationToken);

    /// <summary>VND is a zero-decimal currency at Stripe: the amount is whole đồng.</summary>
    private static long ToMinorUnits(decimal amount) => (long)decimal.Round(amount, 0, MidpointRounding.AwayFromZero);

    private static RequestOptions Key(Order order, string step) => new() { IdempotencyKey = $"order-{order.Id}-{step}" };

    private static string Slug(string reason) =>
        string.Concat(reason.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>A refusal (4xx other than rate limits) is an answer; anything else is the provider being unavailable.</summary>
    private static bool IsRefusal(StripeException e) =>
        (int)e.HttpStatusCode is >= 400 and < 500 && e.HttpStatusCode != HttpStatusCode.TooManyRequests;

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException e) when (!IsRefusal(e))
        {
            throw new PaymentProviderUnavailableException($"Stripe answered {(int)e.HttpStatusCode}: {e.StripeError?.Message ?? e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentProviderUnavailableException("Stripe could not be reached.", e);
        }
    }
}
