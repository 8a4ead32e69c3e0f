using Confluent.Kafka;

namespace Grocery.EndToEnd.Tests;

public sealed class KafkaConnectionTests(GroceryAppFixture system)
{
    [Fact]
    public async Task A_message_produced_with_the_kafka_connection_string_is_consumed_by_a_group_on_another_connection()
    {
        var bootstrap = await system.GetConnectionStringAsync(ResourceNames.Kafka);
        var topic = $"e2e-{Guid.NewGuid():N}";
        var value = $"hello {Guid.NewGuid():N}";

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, Acks = Acks.All }).Build())
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "order-1", Value = value }, TestContext.Current.CancellationToken);
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"e2e-group-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        ConsumeResult<string, string>? received = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received is null && DateTime.UtcNow < deadline)
        {
            received = consumer.Consume(TimeSpan.FromSeconds(1));
        }
        consumer.Close();

        Assert.NotNull(received);
        Assert.Equal("order-1", received.Message.Key);
        Assert.Equal(value, received.Message.Value);
    }
}
