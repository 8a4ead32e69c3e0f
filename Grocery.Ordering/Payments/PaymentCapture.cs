namespace Grocery.Ordering.Payments;

public enum PaymentCaptureOutcome
{
    /// <summary>The provider took the money (card).</summary>
    Captured,
    /// <summary>Nothing is taken now; the carrier collects the amount at the door (cash on delivery).</summary>
    CollectOnDelivery,
    Failed,
}

/// <summary>The payment step after packing: the final amount, never more than was authorised.</summary>
public sealed record PaymentCapture(PaymentCaptureOutcome Outcome, decimal Amount, string? Reference, string? FailureReason)
{
    public static PaymentCapture Captured(decimal amount, string reference) => new(PaymentCaptureOutcome.Captured, amount, reference, null);

    public static PaymentCapture CollectOnDelivery(decimal amount, string reference) => new(PaymentCaptureOutcome.CollectOnDelivery, amount, reference, null);

    public static PaymentCapture Failed(string reason) => new(PaymentCaptureOutcome.Failed, 0m, null, reason);
}
