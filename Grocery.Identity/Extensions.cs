using System.Net;
using Grocery.Identity.Accounts;
using Grocery.Identity.Apis;
using Grocery.Identity.Background;
using Grocery.Identity.Domain;
using Grocery.Identity.Security;
using Grocery.Messaging;
using Grocery.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Grocery.Identity;

public static class Extensions
{
    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddServiceDatabase<IdentityDbContext>(ResourceNames.IdentityDb);
        builder.AddEventBus<IdentityDbContext>(ResourceNames.Kafka, o => o.ServiceName = ResourceNames.Identity);

        // Rate-limit counters live here; ServiceDefaults turns its health check's failure into Degraded.
        builder.AddRedisClient(ResourceNames.Cache);

        services.AddOptions<IdentityServiceOptions>().BindConfiguration(IdentityServiceOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        // One key ring for every replica, outside PostgreSQL, so a database dump alone decrypts nothing.
        services.AddDataProtection().SetApplicationName("grocery-identity");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = new RedisXmlRepository(
                () => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(),
                sp.GetRequiredService<IOptions<IdentityServiceOptions>>().Value.DataProtectionRedisKey));

        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<PersonalDataProtector>();
        services.AddSingleton<RequestThrottle>();
        services.AddScoped<AccessTokenIssuer>();
        services.AddSingleton<ServiceClientAuthenticator>();
        services.AddScoped<RefreshTokenService>();
        services.AddScoped<AccountService>();
        services.AddHostedService<SigningKeyRotationService>();
        services.AddHostedService<BootstrapAdminService>();

        // Identity checks its own tokens against its key store with ServiceDefaults' rules,
        // rather than fetching its JWKS over HTTP from itself.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<SigningKeyStore, IOptions<IdentityTokenOptions>>((jwt, keys, identity) =>
            {
                jwt.ConfigurationManager = new SigningKeyConfigurationManager(keys, identity.Value.Issuer);
                jwt.Events ??= new JwtBearerEvents();
                jwt.Events.OnAuthenticationFailed = context => OwnSigningKeyRecovery.OnAuthenticationFailedAsync(context, keys);
            });

        return builder;
    }

    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        app.MapWellKnownApi();
        app.MapAuthApi();
        app.MapProfileApi();
        app.MapAddressesApi();
        app.MapUsersApi();
        return app;
    }
}
