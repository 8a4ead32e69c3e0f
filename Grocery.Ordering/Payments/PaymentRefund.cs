namespace Grocery.Ordering.Payments;

/// <summary>
/// Money owed back to the shopper. <see cref="MoneyReturned"/> is false when nothing had been taken yet
/// (cash on delivery: the refund is recorded and the amount to collect shrinks).
/// </summary>
public sealed record PaymentRefund(decimal Amount, string Reference, bool MoneyReturned);
