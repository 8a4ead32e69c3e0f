using Confluent.Kafka;

namespace Grocery.Messaging.Kafka;

internal static class KafkaClientConfig
{
    public static ProducerConfig Producer(EventBusOptions options)
    {
        var config = new ProducerConfig(new Dictionary<string, string>(options.Kafka))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ServiceName,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 2,
            MessageTimeoutMs = 30_000,
            // Small messages and acks must not wait for Nagle's algorithm (tens of ms per hop).
            SocketNagleDisable = true,
        };
        return config;
    }

    public static ConsumerConfig Consumer(EventBusOptions options) =>
        new(options.Kafka.Concat(options.KafkaConsumer).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ServiceName,
            GroupId = options.EffectiveConsumerGroup,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 10,
            SocketNagleDisable = true,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        };
}
