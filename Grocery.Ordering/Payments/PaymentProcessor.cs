namespace Grocery.Ordering.Payments;

internal sealed class PaymentProcessor(IEnumerable<IPaymentMethod> methods) : IPaymentProcessor
{
    private readonly Dictionary<PaymentMethod, IPaymentMethod> _methods = methods.ToDictionary(m => m.Method);

    public bool Supports(PaymentMethod method) => _methods.ContainsKey(method);

    public bool HasBrowserPart(PaymentMethod method) => _methods.TryGetValue(method, out var m) && m is IBrowserPaymentMethod;

    public async Task<PaymentSession?> StartAsync(Order order, CancellationToken cancellationToken) =>
        For(order) is IBrowserPaymentMethod browser ? await browser.StartAsync(order, cancellationToken) : null;

    public Task<PaymentAuthorization> AuthorizeAsync(Order order, CancellationToken cancellationToken) =>
        For(order).AuthorizeAsync(order, cancellationToken);

    public Task CancelAsync(Order order, CancellationToken cancellationToken) =>
        For(order).CancelAsync(order, cancellationToken);

    public Task<PaymentCapture> CaptureAsync(Order order, decimal amount, CancellationToken cancellationToken) =>
        For(order).CaptureAsync(order, amount, cancellationToken);

    public Task<PaymentRefund> RefundAsync(Order order, decimal amount, string reason, CancellationToken cancellationToken) =>
        For(order).RefundAsync(order, amount, reason, cancellationToken);

    private IPaymentMethod For(Order order) =>
        _methods.TryGetValue(order.PaymentMethod, out var method)
            ? method
            : throw new InvalidOperationException($"No payment method is registered for {order.PaymentMethod}.");
}
