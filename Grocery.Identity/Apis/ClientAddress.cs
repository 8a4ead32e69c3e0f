namespace Grocery.Identity.Apis;

internal static class ClientAddress
{
    /// <summary>The caller's address after ForwardedHeaders, which only believes configured proxies.</summary>
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
