using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grocery.AppHost.Infrastructure;

public static class KafkaExtensions
{
    public const string Image = "apache/kafka";
    public const string ImageTag = "4.1.1";
    public const string DataVolume = "grocery-kafka-data";

    public static IResourceBuilder<KafkaServerResource> AddKafkaContainer(this IDistributedApplicationBuilder builder, string name)
    {
        var kafka = new KafkaServerResource(name);
        var healthKey = $"{name}-protocol";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, ct => MetadataAsync(kafka, ct));

        return builder.AddResource(kafka)
            .WithImage(Image, ImageTag)
            .WithImageRegistry("docker.io")
            .WithEndpoint(targetPort: 9092, name: KafkaServerResource.PrimaryEndpointName, scheme: "tcp")
            .WithEndpoint(targetPort: 9093, name: KafkaServerResource.InternalEndpointName, scheme: "tcp")
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9094")
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092,INTERNAL://0.0.0.0:9093,CONTROLLER://0.0.0.0:9094")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            // Topics are declared by Grocery.Messaging's topic registry and created explicitly.
            .WithEnvironment("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .WithEnvironment("KAFKA_LOG_DIRS", "/var/lib/kafka/data")
            .WithEnvironment(context =>
            {
                var primary = kafka.PrimaryEndpoint;
                context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = ReferenceExpression.Create(
                    $"PLAINTEXT://{primary.Property(EndpointProperty.Host)}:{primary.Property(EndpointProperty.Port)},INTERNAL://{kafka.Name}:9093");
            })
            .WithVolume(DataVolume, "/var/lib/kafka/data")
            .WithHealthCheck(healthKey);
    }

    public static IResourceBuilder<KafkaDevClusterResource> AddKafkaDevCluster(this IDistributedApplicationBuilder builder, string name)
    {
        var cluster = KafkaDevCluster.Start();
        builder.Services.AddSingleton(_ => cluster);
        var resource = new KafkaDevClusterResource(name, cluster.BootstrapServers);
        var healthKey = $"{name}-protocol";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, ct => MetadataAsync(resource, ct));

        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "KafkaDevCluster",
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Properties =
                [
                    new("BootstrapServers", cluster.BootstrapServers),
                    new("Note", "librdkafka mock cluster: development and tests only, in memory"),
                ],
            })
            .WithHealthCheck(healthKey)
            .ExcludeFromManifest();
    }

    private static async Task<HealthCheckResult> MetadataAsync(IResourceWithConnectionString kafka, CancellationToken ct)
    {
        try
        {
            var bootstrap = await kafka.ConnectionStringExpression.GetValueAsync(ct);
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, SocketTimeoutMs = 3000 })
                .SetLogHandler((_, _) => { })
                .Build();
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(3));
            return metadata.Brokers.Count > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No brokers.");
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
