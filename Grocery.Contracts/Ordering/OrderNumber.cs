namespace Grocery.Contracts.Ordering;

/// <summary>
/// The short number a shopper, a picker, a driver and a mail all quote for an order: the last eight hex digits of its
/// id, in upper case, so the one on a bag label matches the one in the shopper's mail and order page. Not the first
/// eight: order ids are version-7 UUIDs, which begin with the time they were made, so every order of the same minute
/// would share them; their tail is random.
/// </summary>
public static class OrderNumber
{
    public static string Of(Guid orderId) => orderId.ToString("N")[^8..].ToUpperInvariant();
}
