using Grocery.EndToEnd.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.EndToEnd.Tests;

/// <summary>
/// Starts the whole AppHost in local mode (real PostgreSQL, Redis and the development Kafka
/// cluster) once for the assembly and waits until every resource reports healthy.
/// </summary>
public sealed class GroceryAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(4);

    public static readonly IReadOnlyList<string> HealthCheckedResources =
    [
        ResourceNames.Postgres, .. ResourceNames.Databases, ResourceNames.Cache, ResourceNames.Kafka,
        .. ResourceNames.Services, ResourceNames.Gateway, ResourceNames.Web,
    ];

    private DistributedApplication? _app;

    /// <summary>Grab Express, faked at the HTTP boundary; Delivery's real Grab client books with it for zones served by Grab.</summary>
    public FakeGrab Grab { get; } = new();

    /// <summary>Stripe, faked at the HTTP boundary; Ordering's real Stripe.net client reaches it through the stripe-api-base parameter.</summary>
    public FakeStripe Stripe { get; } = new();

    /// <summary>Identity's hourly registrations per client address in this run (10 in production).</summary>
    public const int RegistrationsPerAddress = 100;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The system has not started.");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartupTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local", "--Grocery:EdgePorts", "any", .. FakeGrab.Parameters, .. Stripe.AppHostParameters], (options, _) => options.DisableDashboard = true, timeout.Token);
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Delivery))
            .WithEnvironment("Carriers__grab__BaseAddress", Grab.Url);
        // The sample store's stock is for people shopping after F5; these tests open stores of their own.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Inventory))
            .WithEnvironment("Inventory__SampleDataSize", "100");
        // The run registers more accounts from 127.0.0.1 (shoppers, staff, the sweep's users) than one household would.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Identity))
            .WithEnvironment("Identity__RateLimits__RegisterPerIp__PermitLimit", RegistrationsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The mail queue retries within seconds (production: 30 s doubling up to 1 h, ten attempts), so a test that
        // stops smtp4dev sees its mails go out soon after it is back; enough attempts to ride out minutes, never parked.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Notifications))
            .WithEnvironment("Notifications__Mail__RetryBaseDelay", "00:00:01")
            .WithEnvironment("Notifications__Mail__RetryMaxDelay", "00:00:03")
            .WithEnvironment("Notifications__Mail__MaxAttempts", "200");
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        await Task.WhenAll(HealthCheckedResources.Select(name =>
            _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
    }

    public HttpClient CreateHttpClient(string resource) => App.CreateHttpClient(resource, "http");

    public async Task<string> GetConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string.");

    /// <summary>
    /// For the tests' own reads and writes of a service database: unpooled, since the outage test
    /// restarts PostgreSQL and a pooled connection opened before that fails on its next use.
    /// </summary>
    public async Task<string> DirectConnectionStringAsync(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(await GetConnectionStringAsync(database)) { Pooling = false }.ConnectionString;

    public IResource Resource(string name) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Grab.Dispose();
        Stripe.Dispose();
    }
}
