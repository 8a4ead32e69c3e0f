using Grocery.Identity.Security;
using Microsoft.Extensions.Options;

namespace Grocery.Identity.Apis;

/// <summary>The public keys and the discovery document, both named after the fixed public issuer.</summary>
public static class WellKnownApi
{
    public static IEndpointRouteBuilder MapWellKnownApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/.well-known").WithTags("Discovery").AllowAnonymous();
        api.MapGet("/jwks.json", GetJwksAsync)
            .WithSummary("The public keys that verify access tokens (JSON Web Key Set), cacheable for a minute");
        api.MapGet("/openid-configuration", GetDiscoveryDocument)
            .WithSummary("The discovery document: the issuer, the key set's address and the token endpoint");
        return app;
    }

    public static async Task<Ok<JsonWebKeySetDocument>> GetJwksAsync(SigningKeyStore keys, HttpContext context, CancellationToken cancellationToken)
    {
        var published = await keys.GetPublishedKeysAsync(cancellationToken);
        // Short, because services refetch on an unknown kid anyway and a rotation should show quickly.
        context.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(new JsonWebKeySetDocument(
            published.Select(k => new JsonWebKeyDocument("RSA", "sig", "RS256", k.KeyId, k.Modulus, k.Exponent)).ToArray()));
    }

    public static Ok<DiscoveryDocument> GetDiscoveryDocument(IOptions<IdentityTokenOptions> options)
    {
        var issuer = options.Value.Issuer.TrimEnd('/');
        return TypedResults.Ok(new DiscoveryDocument(
            Issuer: options.Value.Issuer,
            JwksUri: issuer + "/.well-known/jwks.json",
            TokenEndpoint: issuer + "/api/v1/auth/login",
            ResponseTypesSupported: ["token"],
            SubjectTypesSupported: ["public"],
            IdTokenSigningAlgValuesSupported: ["RS256"],
            GrantTypesSupported: ["password", "refresh_token"],
            ClaimsSupported: ["sub", "role", "jti", "iss", "aud", "exp", "iat", "nbf"]));
    }
}

public sealed record JsonWebKeySetDocument([property: System.Text.Json.Serialization.JsonPropertyName("keys")] JsonWebKeyDocument[] Keys);

public sealed record JsonWebKeyDocument(
    [property: System.Text.Json.Serialization.JsonPropertyName("kty")] string Kty,
    [property: System.Text.Json.Serialization.JsonPropertyName("use")] string Use,
    [property: System.Text.Json.Serialization.JsonPropertyName("alg")] string Alg,
    [property: System.Text.Json.Serialization.JsonPropertyName("kid")] string Kid,
    [property: System.Text.Json.Serialization.JsonPropertyName("n")] string N,
    [property: System.Text.Json.Serialization.JsonPropertyName("e")] string E);

public sealed record DiscoveryDocument(
    [property: System.Text.Json.Serialization.JsonPropertyName("issuer")] string Issuer,
    [property: System.Text.Json.Serialization.JsonPropertyName("jwks_uri")] string JwksUri,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: System.Text.Json.Serialization.JsonPropertyName("response_types_supported")] string[] ResponseTypesSupported,
    [property: System.Text.Json.Serialization.JsonPropertyName("subject_types_supported")] string[] SubjectTypesSupported,
    [property: System.Text.Json.Serialization.JsonPropertyName("id_token_signing_alg_values_supported")] string[] IdTokenSigningAlgValuesSupported,
    [property: System.Text.Json.Serialization.JsonPropertyName("grant_types_supported")] string[] GrantTypesSupported,
    [property: System.Text.Json.Serialization.JsonPropertyName("claims_supported")] string[] ClaimsSupported);
