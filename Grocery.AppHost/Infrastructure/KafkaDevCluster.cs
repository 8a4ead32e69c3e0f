using Confluent.Kafka;

namespace Grocery.AppHost.Infrastructure;

/// <summary>
/// librdkafka's built-in mock cluster, hosted by the AppHost process: three brokers speaking the
/// Kafka protocol on loopback, in memory. For development and tests only; it lives as long as the
/// client that created it, so this object keeps that client alive until the AppHost stops.
/// </summary>
public sealed class KafkaDevCluster : IDisposable
{
    private readonly IProducer<byte[], byte[]> _anchor;

    private KafkaDevCluster(IProducer<byte[], byte[]> anchor, string bootstrapServers)
    {
        _anchor = anchor;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static KafkaDevCluster Start(int brokers = 3)
    {
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var anchor = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(anchor.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        var bootstrap = string.Join(',', metadata.Brokers.OrderBy(b => b.BrokerId).Select(b => $"{b.Host}:{b.Port}"));
        return new KafkaDevCluster(anchor, bootstrap);
    }

    public void Dispose() => _anchor.Dispose();
}
