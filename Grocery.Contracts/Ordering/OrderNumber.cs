namespace Grocery.Contracts.Ordering;

/// <summary>
/// The short number a shopper, a picker, a driver and a mail all quote for an order: the first eight hex digits of
/// its id, in upper case, so the one on a bag label matches the one in the shopper's mail and order page.
/// </summary>
public static class OrderNumber
{
    public static string Of(Guid orderId) => orderId.ToString("N")[..8].ToUpperInvariant();
}
