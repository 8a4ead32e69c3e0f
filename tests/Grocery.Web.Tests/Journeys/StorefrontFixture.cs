using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Grocery.Testing;
using Microsoft.Playwright;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// The whole system in local mode (real PostgreSQL, Redis, the development Kafka cluster), started once
/// for the assembly with a smaller sample store so it seeds in seconds, plus one headless Chromium
/// (Debian's: Playwright's own browser download is never used).
/// </summary>
public sealed class StorefrontFixture : IAsyncLifetime
{
    /// <summary>Enough products for every aisle (the generator spreads them over about 190) while keeping startup short.</summary>
    public const int SampleProducts = 2_000;
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(4);

    private DistributedApplication? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public Uri WebAddress { get; private set; } = default!;

    /// <summary>Stripe, faked at the HTTP boundary: Ordering takes cards against it and the storefront offers them.</summary>
    public FakeStripe Stripe { get; } = new();

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The system has not started.");

    public IResource Resource(string name) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), ".artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartupTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local", "--Grocery:EdgePorts", "any", .. Stripe.AppHostParameters], (options, _) => options.DisableDashboard = true, timeout.Token);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var resource = builder.CreateResourceBuilder(project);
            if (project.Name == ResourceNames.Catalog) resource.WithEnvironment("Catalog__SampleDataSize", SampleProducts.ToString());
            if (project.Name == ResourceNames.Inventory) resource.WithEnvironment("Inventory__SampleDataSize", SampleProducts.ToString());
            // Only the signed webhook the card journey sends confirms a card, never a poll racing the page it looks at.
            if (project.Name == ResourceNames.Ordering) resource.WithEnvironment("Ordering__PaymentPollInterval", "01:00:00");
            // Every browser, shopper and staff member of the run comes from one address, which real shoppers never share.
            if (project.Name == ResourceNames.Gateway)
                resource.WithEnvironment("Gateway__RateLimits__AuthPerAddress__PermitLimit", "5000")
                    .WithEnvironment("Gateway__RateLimits__PerAddress__PermitLimit", "100000");
            if (project.Name == ResourceNames.Identity) resource.WithEnvironment("Identity__RateLimits__RegisterPerIp__PermitLimit", "1000");
        }
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        await Task.WhenAll(new[] { ResourceNames.Web, ResourceNames.Ordering, ResourceNames.Delivery, ResourceNames.Inventory, ResourceNames.Catalog, ResourceNames.Identity }
            .Select(name => _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        WebAddress = _app.GetEndpoint(ResourceNames.Web, "http");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Stripe.Dispose();
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Grocery.sln"))) directory = directory.Parent;
        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
