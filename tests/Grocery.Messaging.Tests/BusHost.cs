using Grocery.Messaging.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grocery.Messaging.Tests;

/// <summary>An in-process host wired like a service; also used, unstarted, to write events to the outbox.</summary>
public sealed class BusHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    private BusHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public HandlerFaults Faults => _host.Services.GetRequiredService<HandlerFaults>();

    public static BusHost Create(TestBusSettings settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddTestBus(settings);
        return new BusHost(builder.Build());
    }

    /// <summary>A host with no database at all, receiving only broadcasts.</summary>
    public static BusHost CreateBroadcastReceiver(TestBusSettings settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddTestBroadcastReceiver(settings);
        return new BusHost(builder.Build());
    }

    public async Task<BusHost> StartAsync()
    {
        await _host.StartAsync(TestContext.Current.CancellationToken);
        _started = true;
        return this;
    }

    /// <summary>Commits the events through EF Core in one SaveChanges, as a service would.</summary>
    public async Task PublishAsync(params CounterIncrementedIntegrationEvent[] events)
    {
        await using var scope = Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        foreach (var e in events) outbox.Add(e);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started) await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
