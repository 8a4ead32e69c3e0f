namespace Grocery.Ordering.Payments;

public enum PaymentAuthorizationOutcome
{
    Authorized,
    /// <summary>The provider completes later (card: 3-D Secure, webhook); the saga waits within its deadline.</summary>
    Pending,
    Declined,
}

public sealed record PaymentAuthorization(PaymentAuthorizationOutcome Outcome, string? Reference, string? DeclineReason)
{
    public static PaymentAuthorization Authorized(string reference) => new(PaymentAuthorizationOutcome.Authorized, reference, null);

    public static PaymentAuthorization Pending(string reference) => new(PaymentAuthorizationOutcome.Pending, reference, null);

    public static PaymentAuthorization Declined(string reason) => new(PaymentAuthorizationOutcome.Declined, null, reason);
}
