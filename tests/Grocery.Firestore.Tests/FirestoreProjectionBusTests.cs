using System.Diagnostics;
using Google.Cloud.Firestore.V1;
using Grocery.Contracts;
using Grocery.Contracts.Inventory;
using Grocery.Firestore.Projection;
using Grocery.Messaging;
using Grocery.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grocery.Firestore.Tests;

/// <summary>The projection wired as a service wires it: events through the outbox, Kafka and the service's consumer group.</summary>
public sealed class FirestoreProjectionBusTests(FirestoreInfrastructure infrastructure, ITestOutputHelper output)
{
    [Fact]
    public async Task A_stock_level_published_by_the_service_reaches_its_firestore_document_through_kafka()
    {
        var ct = TestContext.Current.CancellationToken;
        var projectId = $"bus-{Guid.NewGuid():N}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ApplicationName = "Grocery.Inventory" });
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:kafka"] = infrastructure.Kafka.BootstrapServers;
        builder.Configuration["FIRESTORE_EMULATOR_HOST"] = infrastructure.Emulator.Host;
        builder.Configuration["Firestore:ProjectId"] = projectId;
        var connectionString = await infrastructure.CreateServiceDatabaseAsync();
        builder.Services.AddDbContext<ServiceDbContext>(o => o.UseNpgsql(connectionString));
        // A consumer group of this test's own, so it reads only what this test publishes.
        builder.AddEventBus<ServiceDbContext>("kafka", o => o.ConsumerGroup = projectId).ProjectStockLevelsToFirestore<ServiceDbContext>();
        using var host = builder.Build();
        await host.StartAsync(ct);
        using var reader = infrastructure.Emulator.Client(projectId);
        var warehouse = Guid.NewGuid();
        var sku = $"SKU-{Guid.NewGuid():N}";
        var name = reader.DocumentName(LiveDocuments.StockCollection, LiveDocuments.StockId(warehouse, sku));

        await PublishAsync(host, new StockLevelChangedIntegrationEvent(sku, warehouse, 40, StockState.In, DateTimeOffset.UtcNow, Version: 2));
        var first = await Eventually.GetAsync(() => ReadAsync(reader, name), d => d is not null, "the stock document exists");
        var reserved = Stopwatch.StartNew();
        await PublishAsync(host, new StockLevelChangedIntegrationEvent(sku, warehouse, 3, StockState.Low, DateTimeOffset.UtcNow, Version: 3));
        var second = await Eventually.GetAsync(() => ReadAsync(reader, name), d => d?.String("state") == "low", "the stock document shows the reservation");
        reserved.Stop();
        await host.StopAsync(CancellationToken.None);

        Assert.Equal((40.0, "in"), (first!.Fields["available"].DoubleValue, first.String("state")));
        Assert.Equal(3.0, second.Fields["available"].DoubleValue);
        Assert.Equal((2L, 3L), (first.Integer("version"), second.Integer("version")));
        output.WriteLine($"A published stock change reached Firestore in {reserved.ElapsedMilliseconds} ms (outbox, Kafka mock cluster, consumer, checkpoint, flusher).");
    }

    private static async Task PublishAsync(IHost host, IIntegrationEvent e)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(e);
        await db.SaveChangesAsync();
    }

    private static async Task<Document?> ReadAsync(IFirestoreClient client, string name)
    {
        await foreach (var response in client.BatchGetDocumentsAsync(new BatchGetDocumentsRequest { Documents = { name } }))
        {
            return response.Found;
        }
        return null;
    }
}
