using System.Net;
using System.Net.Http.Headers;

namespace Grocery.ServiceDefaults.ServiceTokens;

/// <summary>
/// Authenticates outgoing calls as this service (for work no user started: event handlers, background
/// jobs). A 401 is retried once with a new token, since Identity may have rotated its signing key.
/// </summary>
public sealed class ServiceTokenHandler(ServiceTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        // A request with a body is not sent twice: its content may be a stream that was already read.
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Content is not null) return response;
        response.Dispose();
        tokens.Invalidate(token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
