using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Grocery.Identity.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Grocery.Identity.Apis;

/// <summary>
/// The OAuth 2.0 client-credentials grant (RFC 6749 §4.4) for services acting on their own behalf:
/// no user, no refresh token, only the <see cref="GroceryRoles.Service"/> role. Errors are ProblemDetails
/// that also carry RFC 6749's <c>error</c> code, so OAuth clients and our own both read them.
/// </summary>
public static class ClientCredentialsGrant
{
    public const string GrantType = "client_credentials";

    public static async Task<Results<Ok<ClientTokenResponse>, ProblemHttpResult>> IssueAsync(
        HttpContext context, [AsParameters] ClientCredentialsServices services, CancellationToken cancellationToken)
    {
        // RFC 6749 §5.1: neither a token nor a refusal may be cached.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";

        var limits = services.Options.Value.RateLimits;
        if (await services.Throttle.HitAsync("client-token-ip", ClientAddress.Of(context), limits.ClientTokenPerIp) is { } wait)
            return Problems.TooManyRequests(context, wait);
        // Routing has already answered 415 to anything but a form (the endpoint's Accepts metadata).
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form.Any(f => f.Value.Count > 1))
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "A parameter was sent more than once.");
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0) return Error(StatusCodes.Status400BadRequest, "invalid_request", "grant_type is required.");
        if (grantType != GrantType)
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", $"Only the {GrantType} grant is supported here.");

        var basic = context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        if (basic && (form.ContainsKey("client_id") || form.ContainsKey("client_secret")))
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Use either HTTP Basic or form parameters to authenticate the client, not both.");
        var (clientId, clientSecret) = basic ? FromBasic(context.Request.Headers.Authorization) : (form["client_id"].ToString(), form["client_secret"].ToString());
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret)) return InvalidClient(context, basic);

        var known = services.Clients.IsKnown(clientId);
        // Only known ids get a bucket: random ids would fill Redis with counters and protect nothing.
        if (known && await services.Throttle.HitAsync("client-token-client", clientId, limits.ClientTokenPerClient) is { } clientWait)
            return Problems.TooManyRequests(context, clientWait);
        if (!services.Clients.Authenticate(clientId, clientSecret))
        {
            // The id is only echoed when configured: anything else is attacker-chosen text.
            if (known) services.Logger.LogWarning("Client credentials refused for service client {ClientId}", clientId);
            else services.Logger.LogWarning("Client credentials refused for an unknown service client");
            return InvalidClient(context, basic);
        }

        var token = await services.Tokens.IssueForClientAsync(clientId, cancellationToken);
        services.Logger.LogInformation("Issued a service token to {ClientId}", clientId);
        return TypedResults.Ok(new ClientTokenResponse(
            token.Token, "Bearer", (int)services.Options.Value.AccessTokenLifetime.TotalSeconds));
    }

    /// <summary>RFC 6749 §2.3.1: id and secret are form-encoded, then joined with a colon and base64-encoded.</summary>
    private static (string? ClientId, string? ClientSecret) FromBasic(StringValues header)
    {
        if (!AuthenticationHeaderValue.TryParse(header.ToString(), out var value) || value.Parameter is null) return (null, null);
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return (null, null);
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return (null, null);
        return (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
    }

    private static ProblemHttpResult InvalidClient(HttpContext context, bool basic)
    {
        // RFC 6749 §5.2: a client that tried HTTP authentication is told which scheme to use.
        if (basic) context.Response.Headers.WWWAuthenticate = "Basic realm=\"grocery\"";
        return Error(StatusCodes.Status401Unauthorized, "invalid_client", "The client id or secret is not valid.");
    }

    private static ProblemHttpResult Error(int status, string error, string description) =>
        TypedResults.Problem(statusCode: status, title: description, extensions: new Dictionary<string, object?>
        {
            ["error"] = error,
            ["error_description"] = description,
        });
}

/// <summary>RFC 6749 §5.1's names, unlike the camelCase of the rest of the API, because OAuth clients expect them.</summary>
public sealed record ClientTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed class ClientCredentialsServices(
    ServiceClientAuthenticator clients,
    AccessTokenIssuer tokens,
    RequestThrottle throttle,
    IOptions<IdentityServiceOptions> options,
    ILogger<ClientTokenResponse> logger)
{
    public ServiceClientAuthenticator Clients { get; } = clients;
    public AccessTokenIssuer Tokens { get; } = tokens;
    public RequestThrottle Throttle { get; } = throttle;
    public IOptions<IdentityServiceOptions> Options { get; } = options;
    public ILogger<ClientTokenResponse> Logger { get; } = logger;
}
