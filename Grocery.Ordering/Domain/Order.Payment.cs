namespace Grocery.Ordering.Domain;

public sealed partial class Order
{
    /// <summary>
    /// The provider's reference of a payment the shopper still has to complete (a card's PaymentIntent),
    /// kept before authorisation so a cancellation can void it and a webhook or poll can resume the step.
    /// </summary>
    public bool RecordPaymentStarted(string? reference)
    {
        if (reference is null || PaymentReference == reference || Payment != StepStatus.Pending) return false;
        if (PaymentReference is not null)
            throw new InvalidOperationException($"Order {Id} already has the payment {PaymentReference}; a second one would charge twice.");
        PaymentReference = reference;
        return true;
    }

    /// <summary>When a card saved at checkout (a slot far ahead) is to be authorised off-session; null once it is, and for every other order.</summary>
    public DateTimeOffset? AuthoriseAt { get; private set; }

    /// <summary>The card is saved (nothing held yet): the order is confirmed and the money authorised at <paramref name="authoriseAt"/>.</summary>
    public void RecordCardSaved(string? reference, DateTimeOffset authoriseAt, DateTimeOffset now)
    {
        EnsureStatus(OrderStatus.AwaitingPayment);
        if (Payment != StepStatus.Pending) throw new InvalidOrderTransitionException(Id, Status, OrderStatus.Confirmed);
        Payment = StepStatus.Succeeded;
        PaymentReference = reference;
        AuthoriseAt = authoriseAt;
        TransitionTo(OrderStatus.Confirmed, now, "Card saved; the payment is authorised the day before delivery");
        Deadline = null;
    }

    public bool IsAuthorisationDue(DateTimeOffset now) => Status == OrderStatus.Confirmed && AuthoriseAt is { } at && at <= now;

    /// <summary>The saved card was authorised off-session; from here the order is paid like any card order.</summary>
    public void RecordSavedCardAuthorized(string? reference)
    {
        if (AuthoriseAt is null) throw new InvalidOperationException($"Order {Id} has no saved card waiting for authorisation.");
        PaymentReference = reference;
        AuthoriseAt = null;
    }

    /// <summary>What the card is authorised for: the estimate plus the weighed-goods buffer, rounded up to whole đồng.</summary>
    public decimal AuthorizationAmount(decimal weighedBuffer) => decimal.Ceiling(EstimatedTotal * (1m + weighedBuffer));
}
