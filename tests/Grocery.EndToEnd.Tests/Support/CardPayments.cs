using System.Net;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>
/// Card payments against the Stripe fake (Grocery.Testing's FakeStripe, the same one Ordering's component tests
/// use): the AppHost is given test keys and the fake's address as its Stripe parameters, so Ordering's real
/// Stripe.net client talks to the fake. The browser's part (Stripe.js) and Stripe's webhooks are played here.
/// </summary>
public static class CardPayments
{
    public const string Card = "Card";

    public static string AuthorizeKey(Guid orderId) => $"order-{orderId}-authorize";

    public static string CaptureKey(Guid orderId) => $"order-{orderId}-capture";

    /// <summary>
    /// What Stripe.js's confirmPayment sends from the shopper's browser: the PaymentIntent id is the client secret's
    /// prefix, and only the publishable key and the client secret go along (no secret key).
    /// </summary>
    public static async Task ConfirmInBrowserAsync(FakeStripe stripe, PaymentSessionView session, CancellationToken ct)
    {
        var intentId = session.ClientSecret[..session.ClientSecret.IndexOf("_secret_", StringComparison.Ordinal)];
        using var browser = new HttpClient { BaseAddress = new Uri(stripe.Url) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = session.PublishableKey, ["client_secret"] = session.ClientSecret, ["return_url"] = "https://shop.example/orders/return",
        });
        await (await browser.PostAsync($"/v1/payment_intents/{intentId}/confirm", form, ct)).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Stripe's signed webhook, through the public gateway as Stripe reaches it.</summary>
    public static async Task SendWebhookAsync(GroceryAppFixture system, string type, FakeStripe.Intent intent, CancellationToken ct)
    {
        using var stripe = Hardening.ClientAddresses.GatewayClient(system, Hardening.ClientAddresses.Next());
        using var webhook = FakeStripe.Webhook(type, intent);
        await (await stripe.SendAsync(webhook, ct)).ExpectAsync(HttpStatusCode.NoContent);
    }
}

/// <summary>The checkout's answer for a card: the order and what Stripe Elements needs to confirm it.</summary>
public sealed record CardCheckoutView(Guid Id, string Status, string PaymentMethod, decimal EstimatedTotal, PaymentSessionView? PaymentSession);

public sealed record PaymentSessionView(string Provider, string ClientSecret, string PublishableKey);

/// <summary>An order with its receipt: Paid is what the card capture took.</summary>
public sealed record PaidOrderView(Guid Id, string Status, PaidReceiptView? Receipt);

public sealed record PaidReceiptView(decimal Total, string PaymentMethod, decimal Paid, decimal ToCollect);
