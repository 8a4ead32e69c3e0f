namespace Grocery.Ordering.Checkout;

/// <summary>Postcode or district locates the delivery zone; the slot hold is the one the shopper took in the slot picker.</summary>
public sealed record CheckoutRequest(Guid? SlotHoldId, string? Postcode, string? District, PaymentMethod? PaymentMethod);
