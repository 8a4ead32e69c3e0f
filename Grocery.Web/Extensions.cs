using System.Globalization;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Web.IntegrationEvents.EventHandling;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Grocery.Web.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Http.Resilience;
using StackExchange.Redis;

namespace Grocery.Web;

public static class Extensions
{
    public static readonly CultureInfo[] Cultures = [new("vi"), new("en")];
    public const string DataProtectionRedisKey = "grocery:web:data-protection-keys";

    public static IHostApplicationBuilder AddStorefront(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        // Any replica serves any shopper: one Data Protection key ring (session cookies, antiforgery,
        // circuit descriptors) and one SignalR backplane, both in Redis.
        builder.AddRedisClient(ResourceNames.Cache);
        builder.Services.AddDataProtection().SetApplicationName("grocery-web");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), DataProtectionRedisKey));
        if (builder.Configuration.GetConnectionString(ResourceNames.Cache) is { } redis)
            builder.Services.AddSignalR().AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("grocery-web"));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddLocalization();
        builder.Services.AddHttpContextAccessor();
        // Open product pages show stock running out as it happens: every replica hears every stock change.
        builder.Services.AddSingleton<LiveStock>();
        // Open slot pickers show a window filling up the same way.
        builder.Services.AddSingleton<LiveSlots>();
        builder.Services.Configure<CardPaymentOptions>(builder.Configuration.GetSection(CardPaymentOptions.Section));
        builder.Services.AddSingleton<CardPaymentSessions>();
        builder.AddBroadcastEventBus(ResourceNames.Kafka)
            .AddBroadcastSubscription<StockLevelChangedIntegrationEvent, StockLevelChangedHandler>()
            .AddBroadcastSubscription<SlotAvailabilityChangedIntegrationEvent, SlotAvailabilityChangedHandler>();

        // ServiceDefaults makes JWT bearer the default scheme for APIs; the storefront's shoppers carry a cookie.
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "grocery.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/account/sign-in";
                // A signed-in shopper on a staff page gets the 403 page at that address, not a redirect to a page that says 200:
                // the service defaults' ProblemDetails body stands aside, and UseForbiddenPage re-executes the page.
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } problemDetails) problemDetails.Enabled = false;
                    return Task.CompletedTask;
                };
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = RefreshAccessTokenAsync;
            });

        AddClient<CatalogClient>(builder, ResourceNames.Catalog);
        AddClient<IdentityClient>(builder, ResourceNames.Identity);
        AddClient<AddressBookClient>(builder, ResourceNames.Identity);
        builder.Services.AddTransient<IAddressBook>(sp => sp.GetRequiredService<AddressBookClient>());
        AddClient<BasketClient>(builder, ResourceNames.Ordering);
        AddClient<OrderingClient>(builder, ResourceNames.Ordering);
        AddClient<DeliveryClient>(builder, ResourceNames.Delivery);
        builder.Services.AddTransient<IDeliverySlots>(sp => sp.GetRequiredService<DeliveryClient>());
        builder.Services.AddTransient<IShipmentTracking>(sp => sp.GetRequiredService<DeliveryClient>());
        builder.Services.AddTransient<IOrders>(sp => sp.GetRequiredService<OrderingClient>());
        AddClient<PickingClient>(builder, ResourceNames.Ordering);
        builder.Services.AddTransient<IPicking>(sp => sp.GetRequiredService<PickingClient>());
        AddClient<DriverClient>(builder, ResourceNames.Delivery);
        builder.Services.AddTransient<IDriverShipments>(sp => sp.GetRequiredService<DriverClient>());
        AddClient<OpsClient>(builder, ResourceNames.Gateway);
        builder.Services.AddTransient<IOps>(sp => sp.GetRequiredService<OpsClient>());
        AddClient<WarehouseClient>(builder, ResourceNames.Gateway);
        builder.Services.AddTransient<IWarehouses>(sp => sp.GetRequiredService<WarehouseClient>());
        AddClient<StoreManagementClient>(builder, ResourceNames.Gateway);
        builder.Services.AddTransient<IStoreManagement>(sp => sp.GetRequiredService<StoreManagementClient>());
        AddClient<NotificationsClient>(builder, ResourceNames.Gateway);
        builder.Services.AddTransient<INotifications>(sp => sp.GetRequiredService<NotificationsClient>());
        // A shopper-facing page must not hang while a service retries: one quick retry, then the page
        // shows that part as unavailable and renders the rest (ServiceDefaults' 10 s attempts suit services).
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(o =>
        {
            o.Retry.MaxRetryAttempts = 1;
            o.Retry.Delay = TimeSpan.FromMilliseconds(200);
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(4);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
        });

        // Anonymous catalog pages come from Redis for a few seconds; after AddRazorComponents, whose antiforgery it wraps.
        builder.AddCatalogOutputCache();
        return builder;
    }

    /// <summary>
    /// The 403 page for a page refused by role. Authorization runs in the service defaults' part of the pipeline, outside
    /// the storefront's status pages, so this must be added before <c>MapDefaultEndpoints</c>.
    /// </summary>
    public static WebApplication UseForbiddenPage(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        return app;
    }

    public static WebApplication MapStorefront(this WebApplication app)
    {
        // Shoppers get a friendly page, never a stack trace or a ProblemDetails body.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("vi");
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        app.UseOutputCache(); // after localization: pages vary by the resolved language
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapProductImages();
        app.MapShopperEndpoints();
        app.MapAccountEndpoints();
        app.MapStaffEndpoints();
        app.MapOpsEndpoints();
        app.MapStoreEndpoints();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static void AddClient<TClient>(IHostApplicationBuilder builder, string service) where TClient : class =>
        builder.Services.AddHttpClient<TClient>(client => client.BaseAddress = new Uri($"https+http://{service}"));

    /// <summary>Refreshes Identity's access token a minute before it expires and rewrites the cookie; a refused refresh signs the shopper out.</summary>
    private static async Task RefreshAccessTokenAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } user || ShopperTokens.ExpiryOf(user) is not { } expiresAt) return;
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (expiresAt - time.GetUtcNow() > TimeSpan.FromMinutes(1)) return;
        var identity = context.HttpContext.RequestServices.GetRequiredService<IdentityClient>();
        TokenResponse? tokens = null;
        try
        {
            if (user.FindFirst(ShopperTokens.RefreshToken)?.Value is { } refresh) tokens = await identity.RefreshAsync(refresh, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            return; // Identity unreachable: keep the session, the next request tries again
        }
        if (tokens is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.ReplacePrincipal(ShopperTokens.Principal(user.Identity?.Name ?? "", tokens, time.GetUtcNow()));
        context.ShouldRenew = true;
    }
}
