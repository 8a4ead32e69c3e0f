namespace Grocery.Delivery.Carriers;

/// <summary>The carrier refused or could not complete a call (after the resilience pipeline's retries).</summary>
public sealed class CarrierException(string carrier, string message, bool retryable, Exception? inner = null)
    : Exception($"{carrier}: {message}", inner)
{
    public string Carrier { get; } = carrier;
    public bool Retryable { get; } = retryable;
}
