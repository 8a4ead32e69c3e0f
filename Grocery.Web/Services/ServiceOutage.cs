using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Grocery.Web.Services;

/// <summary>
/// The failures that mean "that service is unreachable right now" (refused, timed out, circuit open): a page
/// shows its part as unavailable and renders the rest. Anything else is a bug and reaches the error page.
/// </summary>
public static class ServiceOutage
{
    public static bool Is(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || exception is TaskCanceledException { InnerException: TimeoutException };
}
