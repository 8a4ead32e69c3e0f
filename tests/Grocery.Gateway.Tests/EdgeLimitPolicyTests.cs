using Grocery.Gateway.Edge;

namespace Grocery.Gateway.Tests;

public sealed class EdgeLimitPolicyTests
{
    [Theory]
    [InlineData("POST", "/api/v1/auth/login", "gateway-auth-address")]
    [InlineData("POST", "/api/v1/auth/register", "gateway-auth-address")]
    [InlineData("POST", "/api/v1/orders", "gateway-checkout-address,gateway-checkout-user")]
    [InlineData("GET", "/api/v1/orders", "gateway-address,gateway-user")]
    [InlineData("POST", "/api/v1/orders/42/cancel", "gateway-address,gateway-user")]
    [InlineData("POST", "/api/v1/payments/webhooks/stripe", "gateway-stripe-webhook-address")]
    [InlineData("POST", "/api/v1/carriers/dhl/webhooks", "gateway-carrier-webhook-address")]
    [InlineData("GET", "/api/v1/carriers/dhl", "gateway-address,gateway-user")]
    [InlineData("GET", "/api/v1/products", "gateway-address,gateway-user")]
    public void Each_request_is_charged_to_the_buckets_of_its_route(string method, string path, string buckets)
    {
        var limits = EdgeLimitPolicy.For(method, path, new EdgeRateLimits());

        Assert.Equal(buckets, string.Join(",", limits.Select(l => l.Bucket)));
    }

    [Theory]
    [InlineData("/api/v1/products/import", 32 * 1024 * 1024)]
    [InlineData("/api/v1/payments/webhooks/stripe", 64 * 1024)]
    [InlineData("/api/v1/basket/lines", 256 * 1024)]
    [InlineData("/api/v1/products/importer", 256 * 1024)]
    public void The_longest_configured_prefix_sets_the_body_limit(string path, long expected)
    {
        Assert.Equal(expected, Grocery.Gateway.Edge.EdgeLimitsMiddleware.BodyLimitFor(path, new EdgeBodyLimits()));
    }
}
