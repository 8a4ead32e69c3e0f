namespace Grocery.Ordering.Checkout;

public abstract record CheckoutResult
{
    public sealed record Placed(Order Order) : CheckoutResult;

    /// <summary>The same request was already accepted under this Idempotency-Key.</summary>
    public sealed record Repeated(Order Order) : CheckoutResult;

    /// <summary>The Idempotency-Key was already used with another request body.</summary>
    public sealed record KeyReused : CheckoutResult;

    /// <summary>The slot hold already backs an order (<paramref name="OrderId"/> when it is the caller's own).</summary>
    public sealed record HoldTaken(Guid? OrderId) : CheckoutResult;

    public sealed record Invalid(string Field, string Message) : CheckoutResult;
}
