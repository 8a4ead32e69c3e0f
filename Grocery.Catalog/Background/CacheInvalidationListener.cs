using System.Threading.Channels;
using Grocery.Catalog.Reading;

using Grocery.Catalog.Caching;

namespace Grocery.Catalog.Background;

/// <summary>
/// Every replica LISTENs on the primary (on a session around the pooler, see CatalogDataSources) and
/// drops the tagged entries from its HybridCache (memory and, by tag, Redis). After a lost connection everything is dropped: notifications may have been missed.
/// </summary>
internal sealed class CacheInvalidationListener(CatalogDataSources dataSources, CatalogCache cache, ILogger<CacheInvalidationListener> logger)
    : BackgroundService
{
    private readonly Channel<string> _payloads = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private NpgsqlConnection? _first;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Listening before the first request is served means no change committed afterwards is missed.
        try { _first = await ListenAsync(cancellationToken); }
        catch (NpgsqlException ex) { logger.LogWarning(ex, "Cache invalidation listener could not connect yet"); }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var apply = ApplyAsync(stoppingToken);
        var connection = _first;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (connection is null)
                {
                    connection = await ListenAsync(stoppingToken);
                    await cache.InvalidateAsync([CacheTags.All], stoppingToken);
                }
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Cache invalidation listener lost its connection; reconnecting");
                if (connection is not null) await connection.DisposeAsync();
                connection = null;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        if (connection is not null) await connection.DisposeAsync();
        _payloads.Writer.TryComplete();
        await apply;
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken ct)
    {
        var connection = await dataSources.Session.OpenConnectionAsync(ct);
        connection.Notification += (_, e) => _payloads.Writer.TryWrite(e.Payload);
        await using var cmd = new NpgsqlCommand($"LISTEN {CacheInvalidation.Channel}", connection);
        await cmd.ExecuteNonQueryAsync(ct);
        return connection;
    }

    private async Task ApplyAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var payload in _payloads.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await cache.InvalidateAsync(payload.Split(' ', StringSplitOptions.RemoveEmptyEntries), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Cache invalidation {Payload} failed", payload);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
