using Confluent.Kafka;

namespace Grocery.Messaging.Kafka;

/// <summary>
/// One idempotent producer per process, shared by the relay and the dead-letter path. Both wait for
/// acknowledgements before recording anything, so nothing needs flushing at shutdown.
/// </summary>
internal sealed class KafkaProducer(EventBusOptions options, ILogger<KafkaProducer> logger) : IDisposable
{
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() =>
        new ProducerBuilder<string, byte[]>(KafkaClientConfig.Producer(options))
            .SetErrorHandler((_, e) => logger.LogWarning("Kafka producer error {Code}: {Reason}", e.Code, e.Reason))
            .Build());

    public IProducer<string, byte[]> Producer => _producer.Value;

    public void Dispose()
    {
        if (_producer.IsValueCreated) _producer.Value.Dispose();
    }
}
