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

    /// <summary>What the card is authorised for: the estimate plus the weighed-goods buffer, rounded up to whole đồng.</summary>
    public decimal AuthorizationAmount(decimal weighedBuffer) => decimal.Ceiling(EstimatedTotal * (1m + weighedBuffer));
}
