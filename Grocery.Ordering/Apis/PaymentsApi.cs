using Grocery.Ordering.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Ordering.Apis;

public static class PaymentsApi
{
    public const string StripeSignatureHeader = "Stripe-Signature";

    /// <summary>Stripe's events are a few kilobytes; the gateway allows 64 KiB on this path.</summary>
    private const int MaxPayloadBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/payments").WithTags("Payments");
        // Stripe signs its calls instead of authenticating: the signature is the authentication.
        api.MapPost("/webhooks/stripe", ReceiveStripeWebhookAsync).AllowAnonymous()
            .WithSummary("Receives a Stripe webhook event; the Stripe-Signature header must verify and be at most 300 seconds old.")
            .Accepts<string>("application/json");
        return app;
    }

    public static async Task<Results<NoContent, ValidationProblem>> ReceiveStripeWebhookAsync(
        HttpRequest request, IPaymentWebhooks webhooks, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxPayloadBytes) return Refused("The payload is larger than a Stripe event can be.");
        using var reader = new StreamReader(request.Body);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        if (payload.Length > MaxPayloadBytes) return Refused("The payload is larger than a Stripe event can be.");
        var result = await webhooks.HandleAsync(payload, request.Headers[StripeSignatureHeader].FirstOrDefault(), cancellationToken);
        return result.Problem is { } problem ? Refused(problem) : TypedResults.NoContent();
    }

    private static ValidationProblem Refused(string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stripeSignature"] = [problem] });
}
