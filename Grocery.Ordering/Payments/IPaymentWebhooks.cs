namespace Grocery.Ordering.Payments;

/// <summary>A payment provider's signed notifications, verified and applied by the provider's own code.</summary>
public interface IPaymentWebhooks
{
    Task<PaymentWebhookResult> HandleAsync(string payload, string? signature, CancellationToken cancellationToken);
}

/// <summary><see cref="Problem"/> is set when the notification is refused (unsigned, forged, stale or unreadable).</summary>
public sealed record PaymentWebhookResult(string? Problem, bool WasDuplicate = false)
{
    public static readonly PaymentWebhookResult Handled = new(Problem: null);

    public static readonly PaymentWebhookResult Duplicate = new(null, WasDuplicate: true);

    public static PaymentWebhookResult Refused(string problem) => new(problem);
}
