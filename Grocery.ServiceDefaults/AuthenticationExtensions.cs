using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.ServiceDefaults;

public static class AuthenticationExtensions
{
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(IdentityTokenOptions.SectionName);
        builder.Services.Configure<IdentityTokenOptions>(section);
        builder.Services.AddSingleton<UnknownSigningKeyRecovery>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer();

        builder.Services
            .AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<IdentityTokenOptions>, IHttpClientFactory, UnknownSigningKeyRecovery>((options, identity, httpClientFactory, recovery) =>
            {
                var jwksUri = ResolveJwksUri(identity.Value, builder.Configuration);
                var documents = new HttpDocumentRetriever(httpClientFactory.CreateClient(JwksHttpClient))
                {
                    RequireHttps = jwksUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
                };
                // A token signed by a key not yet seen forces a refresh at most once a second, so a
                // rotation in Identity is honoured at once without letting bad tokens hammer it.
                options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    jwksUri, new JwksConfigurationRetriever(identity.Value.Issuer), documents)
                {
                    AutomaticRefreshInterval = TimeSpan.FromMinutes(5),
                    RefreshInterval = TimeSpan.FromSeconds(1),
                };
                options.RefreshOnIssuerKeyNotFound = true;
                options.Events = new JwtBearerEvents
                {
                    OnAuthenticationFailed = context => recovery.OnAuthenticationFailedAsync(context, jwksUri),
                };
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = identity.Value.Issuer,
                    ValidAudience = identity.Value.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(GroceryPolicies.Customer, p => p.RequireAuthenticatedUser())
            .AddPolicy(GroceryPolicies.Picker, p => p.RequireRole(GroceryRoles.Picker, GroceryRoles.StoreManager, GroceryRoles.Admin))
            .AddPolicy(GroceryPolicies.Driver, p => p.RequireRole(GroceryRoles.Driver, GroceryRoles.StoreManager, GroceryRoles.Admin))
            .AddPolicy(GroceryPolicies.StoreManager, p => p.RequireRole(GroceryRoles.StoreManager, GroceryRoles.Admin))
            .AddPolicy(GroceryPolicies.Admin, p => p.RequireRole(GroceryRoles.Admin))
            .AddPolicy(GroceryPolicies.Service, p => p.RequireRole(GroceryRoles.Service, GroceryRoles.Admin));

        return builder;
    }

    internal const string JwksHttpClient = "identity-jwks";

    /// <summary>The caller's user id (the token's <c>sub</c>).</summary>
    public static string? GetUserId(this ClaimsPrincipal principal) => principal.FindFirstValue("sub");

    internal static string ResolveJwksUri(IdentityTokenOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.JwksUri)) return options.JwksUri;
        var identity = configuration[$"services:{ResourceNames.Identity}:http:0"]
            ?? configuration[$"services:{ResourceNames.Identity}:https:0"]
            ?? $"http://{ResourceNames.Identity}";
        return identity.TrimEnd('/') + "/.well-known/jwks.json";
    }
}
