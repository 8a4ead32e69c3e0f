using Grocery.Delivery.Domain;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Shipping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Delivery.Apis;

public static class CarrierWebhooksApi
{
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapCarrierWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/carriers").WithTags("Carriers").AllowAnonymous();
        api.MapPost("/{carrier}/webhooks", ReceiveAsync)
            .WithSummary("Receives a carrier's tracking update, verified by its signature or shared secret; a replayed event is acknowledged and ignored.");
        return app;
    }

    /// <summary>
    /// Carriers authenticate with their signature or shared secret, not a user token. A call that
    /// fails verification is answered 401 before anything is stored; a replay is acknowledged and ignored.
    /// </summary>
    public static async Task<Results<Ok<WebhookReceipt>, NotFound, UnauthorizedHttpResult, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        string carrier, HttpRequest request, CarrierRegistry carriers, ShipmentTracker tracker, CancellationToken cancellationToken)
    {
        if (!carriers.TryGet(carrier, out var adapter)) return TypedResults.NotFound();
        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes) return TooLarge();

        var update = adapter.ReadWebhook(request.Headers, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (update is null) return TypedResults.Unauthorized();
        // The key is how a replay is recognised, so it is refused rather than cut when it cannot be stored.
        if (string.IsNullOrEmpty(update.EventKey) || StoredText.Check(update.EventKey, DeliveryLimits.WebhookEventKeyMaxLength) is not null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                // "$" is the event as a whole: which of the carrier's fields make up its id is the adapter's business.
                ["$"] = [$"The event's id must be 1 to {DeliveryLimits.WebhookEventKeyMaxLength} printable characters."],
            });
        var outcome = await tracker.ApplyAsync(adapter.Name, update, cancellationToken);
        return TypedResults.Ok(new WebhookReceipt(outcome.ToString()));
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(detail: $"A webhook body can be at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
