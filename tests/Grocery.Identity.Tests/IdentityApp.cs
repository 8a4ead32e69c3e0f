using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Grocery.Identity.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grocery.Identity.Tests;

/// <summary>
/// Grocery.Identity hosted in-process on a test server against the real PostgreSQL, Redis and mock
/// Kafka. Two instances built on the same database and Redis behave as two replicas.
/// </summary>
public sealed class IdentityApp(
    string connectionString, IdentityInfrastructure infrastructure, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    : WebApplicationFactory<Program>
{
    public const string AdminEmail = "root.admin@grocery.test";
    public const string AdminPassword = "Bootstrap-Admin-Secret-42";

    /// <summary>Test-only header standing for the TCP peer address, which the test server does not have.</summary>
    public const string PeerHeader = "X-Test-Peer";

    public string ConnectionString { get; } = connectionString;

    public CapturedLogs Logs { get; } = new();

    public static async Task<IdentityApp> StartAsync(
        IdentityInfrastructure infrastructure, IReadOnlyDictionary<string, string?>? settings = null, string? connectionString = null, TimeProvider? time = null)
    {
        var app = new IdentityApp(connectionString ?? await infrastructure.NewDatabaseAsync(), infrastructure, settings, time);
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting($"ConnectionStrings:{ResourceNames.IdentityDb}", ConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Cache}", infrastructure.Redis.ConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Kafka}", infrastructure.Kafka);
        builder.UseSetting("Messaging:TopicCreation", "MetadataRequest");
        builder.UseSetting("Identity:BootstrapAdmin:Email", AdminEmail);
        builder.UseSetting("Identity:BootstrapAdmin:Password", AdminPassword);
        builder.UseSetting("Identity:RateLimits:LoginPerIp:PermitLimit", "1000");
        builder.UseSetting("Identity:RateLimits:LoginPerIp:Window", "00:01:00");
        builder.UseSetting("Identity:RateLimits:RegisterPerIp:PermitLimit", "1000");
        builder.UseSetting("Identity:RateLimits:RegisterPerIp:Window", "00:01:00");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);

        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturedLogs>(_ => true);
        });
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new PeerAddressFilter()));
        // Replaces the clock of the key store, its rotation job and the token issuer (not token validation's).
        if (time is not null) builder.ConfigureTestServices(services => services.AddSingleton(time));
    }

    /// <summary>A client that appears to connect from its own (random) address, so rate limits do not leak between tests.</summary>
    public HttpClient NewClient(string? peer = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(PeerHeader, peer ?? RandomAddress());
        return client;
    }

    public static string RandomAddress() => $"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    public static string NewEmail() => $"shopper.{Guid.NewGuid():N}@grocery.test";

    public const string Password = "Fresh-basil-2026";

    public async Task<Guid> RegisterAsync(HttpClient client, string email, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password, name = "Lan Nguyen" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RegisteredUserDto>())!.Id;
    }

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password = Password) =>
        await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    public static async Task<TokenResponse> LoginTokensAsync(HttpClient client, string email, string password = Password)
    {
        var response = await LoginAsync(client, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    /// <summary>Registers a new shopper and returns an authenticated client for them.</summary>
    public async Task<(HttpClient Client, Guid UserId, string Email, TokenResponse Tokens)> NewShopperAsync()
    {
        var client = NewClient();
        var email = NewEmail();
        var id = await RegisterAsync(client, email);
        var tokens = await LoginTokensAsync(client, email);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return (client, id, email, tokens);
    }

    /// <summary>The bootstrap admin is created in the background; wait until it can log in.</summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        var client = NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await LoginAsync(client, AdminEmail, AdminPassword);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var tokens = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
                if (tokens.AccessToken.Length > 0 && JwtParts.Payload(tokens.AccessToken).Contains("\"admin\""))
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
                    return client;
                }
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The bootstrap admin never became able to log in.");
            await Task.Delay(200);
        }
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed record RegisteredUserDto(Guid Id, string Email);
