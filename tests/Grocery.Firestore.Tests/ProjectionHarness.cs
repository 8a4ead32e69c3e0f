using System.Collections.Concurrent;
using Google.Cloud.Firestore.V1;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Firestore.Projection;
using Grocery.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Grocery.Firestore.Tests;

/// <summary>
/// The projection as a service runs it (handlers in their own transactions, the flusher against
/// the emulator), on a clock the test moves, with every write Firestore receives recorded.
/// </summary>
public sealed class ProjectionHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ProjectionHarness(ServiceProvider services, GrpcFirestoreClient client, RecordingFirestoreClient recorder, FakeTimeProvider clock)
    {
        _services = services;
        Client = client;
        Writes = recorder;
        Clock = clock;
        Status = new FirestoreProjectionStatus(clock, Options.Create(new FirestoreOptions { EmulatorHost = "recorded" }));
        Flusher = new LiveDocumentFlusher<ProjectionDbContext>(
            services.GetRequiredService<IServiceScopeFactory>(), recorder,
            Options.Create(new FirestoreProjectionOptions()), Status, clock, NullLogger<LiveDocumentFlusher<ProjectionDbContext>>.Instance);
    }

    public GrpcFirestoreClient Client { get; }

    public RecordingFirestoreClient Writes { get; }

    public FakeTimeProvider Clock { get; }

    public FirestoreProjectionStatus Status { get; }

    public LiveDocumentFlusher<ProjectionDbContext> Flusher { get; }

    public static async Task<ProjectionHarness> StartAsync(FirestoreInfrastructure infrastructure)
    {
        var connectionString = await infrastructure.CreateDatabaseAsync();
        var services = new ServiceCollection()
            .AddDbContext<ProjectionDbContext>(o => o.UseNpgsql(connectionString))
            .BuildServiceProvider();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
        var client = infrastructure.Emulator.Client($"projection-{Guid.NewGuid():N}");
        return new ProjectionHarness(services, client, new RecordingFirestoreClient(client, clock), clock);
    }

    /// <summary>
    /// Handles one event as the bus would (its own scope and transaction), each at a lower Kafka offset
    /// than the one before, so only the version the event carries can order them.
    /// </summary>
    public Task HandleAsync(StockLevelChangedIntegrationEvent e) =>
        InTransactionAsync((db, context) => new StockLevelProjectionHandler<ProjectionDbContext>(db, Clock).HandleAsync(e, context, CancellationToken.None));

    public Task HandleAsync(SlotAvailabilityChangedIntegrationEvent e) =>
        InTransactionAsync((db, context) => new SlotAvailabilityProjectionHandler<ProjectionDbContext>(db, Clock).HandleAsync(e, context, CancellationToken.None));

    /// <summary>Flushes until nothing is left, a second of the clock apart.</summary>
    public async Task DrainAsync()
    {
        for (var round = 0; round < 10; round++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            if (await Flusher.FlushOnceAsync(CancellationToken.None) == 0) return;
        }
        throw new InvalidOperationException("The projection kept writing after ten flushes.");
    }

    public async Task<Dictionary<string, Document>> ReadAsync(IEnumerable<string> names)
    {
        var found = new Dictionary<string, Document>();
        await foreach (var response in Client.BatchGetDocumentsAsync(new BatchGetDocumentsRequest { Documents = { names } }))
        {
            if (response.Found is { } document) found[document.Name] = document;
        }
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        Flusher.Dispose();
        Client.Dispose();
        await _services.DisposeAsync();
    }

    private long _offset = 1_000_000;

    private async Task InTransactionAsync(Func<ProjectionDbContext, IntegrationEventContext, Task> handle)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProjectionDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var context = new IntegrationEventContext(Guid.NewGuid().ToString(), "test", "test", Clock.GetUtcNow(), "key",
            Guid.NewGuid().ToString(), null, "inventory.events", 0, Offset: Interlocked.Decrement(ref _offset), 1, false);
        await handle(db, context);
        await transaction.CommitAsync();
    }
}

/// <summary>Passes calls to the emulator and records, for each written document, the clock's time of the Commit.</summary>
public sealed class RecordingFirestoreClient(IFirestoreClient inner, TimeProvider clock) : IFirestoreClient
{
    private readonly ConcurrentQueue<(string Document, DateTimeOffset At)> _writes = new();

    public IReadOnlyList<(string Document, DateTimeOffset At)> All => [.. _writes];

    public string DatabaseName => inner.DatabaseName;

    public string DocumentsRoot => inner.DocumentsRoot;

    public async Task<CommitResponse> CommitAsync(CommitRequest request, CancellationToken cancellationToken = default)
    {
        var response = await inner.CommitAsync(request, cancellationToken);
        foreach (var write in request.Writes) _writes.Enqueue((write.Update.Name, clock.GetUtcNow()));
        return response;
    }

    public IAsyncEnumerable<BatchGetDocumentsResponse> BatchGetDocumentsAsync(BatchGetDocumentsRequest request, CancellationToken cancellationToken = default) =>
        inner.BatchGetDocumentsAsync(request, cancellationToken);

    public IAsyncEnumerable<RunQueryResponse> RunQueryAsync(RunQueryRequest request, CancellationToken cancellationToken = default) =>
        inner.RunQueryAsync(request, cancellationToken);

    public FirestoreListenStream Listen(CancellationToken cancellationToken = default) => inner.Listen(cancellationToken);
}
