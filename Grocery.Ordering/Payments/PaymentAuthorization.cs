namespace Grocery.Ordering.Payments;

public enum PaymentAuthorizationOutcome
{
    Authorized,
    /// <summary>The provider completes later (card: 3-D Secure, webhook); the saga waits within its deadline.</summary>
    Pending,
    Declined,
    /// <summary>The card is saved for a slot far ahead; it is authorised off-session before the slot (<see cref="PaymentAuthorization.AuthoriseAt"/>).</summary>
    Saved,
}

/// <param name="Amount">What the provider holds, when it differs from the estimate (a card: the estimate plus the weighed-goods buffer).</param>
public sealed record PaymentAuthorization(PaymentAuthorizationOutcome Outcome, string? Reference, string? DeclineReason, decimal? Amount = null,
    DateTimeOffset? AuthoriseAt = null)
{
    public static PaymentAuthorization Saved(string reference, DateTimeOffset authoriseAt) =>
        new(PaymentAuthorizationOutcome.Saved, reference, null, AuthoriseAt: authoriseAt);

    public static PaymentAuthorization Authorized(string reference, decimal? amount = null) => new(PaymentAuthorizationOutcome.Authorized, reference, null, amount);

    public static PaymentAuthorization Pending(string reference) => new(PaymentAuthorizationOutcome.Pending, reference, null);

    public static PaymentAuthorization Declined(string reason) => new(PaymentAuthorizationOutcome.Declined, null, reason);
}
