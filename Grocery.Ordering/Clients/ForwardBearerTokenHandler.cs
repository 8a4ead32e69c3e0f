using Microsoft.Net.Http.Headers;

namespace Grocery.Ordering.Clients;

/// <summary>Calls to Catalog and Delivery act for the shopper: holds belong to a user, so Delivery must see who asks.</summary>
internal sealed class ForwardBearerTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authorization = accessor.HttpContext?.Request.Headers[HeaderNames.Authorization].ToString();
        if (!string.IsNullOrEmpty(authorization) && request.Headers.Authorization is null)
            request.Headers.TryAddWithoutValidation(HeaderNames.Authorization, authorization);
        return base.SendAsync(request, cancellationToken);
    }
}
