using System.Globalization;
using Confluent.Kafka;

namespace Grocery.Testing;

/// <summary>
/// librdkafka's in-memory mock cluster for a test assembly. It lives as long as the client that
/// created it, so this object keeps that client until disposed.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private readonly IProducer<byte[], byte[]> _anchor;

    private KafkaMockCluster(IProducer<byte[], byte[]> anchor, string bootstrapServers)
    {
        _anchor = anchor;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static KafkaMockCluster Start(int brokers = 3)
    {
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", brokers.ToString(CultureInfo.InvariantCulture));
        var anchor = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(anchor.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        return new KafkaMockCluster(anchor, string.Join(',', metadata.Brokers.OrderBy(b => b.BrokerId).Select(b => $"{b.Host}:{b.Port}")));
    }

    public void Dispose() => _anchor.Dispose();
}
