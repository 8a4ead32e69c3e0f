using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Grocery.Messaging.Topics;

namespace Grocery.Ordering.Tests;

/// <summary>
/// Stands in for Inventory and Delivery on the Kafka side: publishes their replies as CloudEvents
/// envelopes and records every event Ordering publishes, per order.
/// </summary>
public sealed class KafkaPeers : IDisposable
{
    public static JsonSerializerOptions Json => PeerMessages.Json;

    private readonly IProducer<string, string> _producer;
    private readonly IConsumer<string, string> _consumer;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ObservedEvent>> _byKey = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    private KafkaPeers(string bootstrap)
    {
        _producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 1, SocketNagleDisable = true }).Build();
        _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"ordering-tests-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            AllowAutoCreateTopics = true,
            FetchWaitMaxMs = 10,
            SocketNagleDisable = true,
        }).Build();
        _consumer.Subscribe(GroceryTopics.Ordering);
        _thread = new Thread(Consume) { IsBackground = true, Name = "ordering-test-peers" };
        _thread.Start();
    }

    /// <summary>Replies Inventory and Delivery would give to OrderPlaced; null means "do not answer".</summary>
    public Func<ObservedEvent, IEnumerable<IIntegrationEvent>>? AutoReply { get; set; }

    public static KafkaPeers Start(string bootstrap) => new(bootstrap);

    public async Task PublishAsync(IIntegrationEvent @event)
    {
        var (topic, message) = PeerMessages.Create(@event, "/grocery/ordering-tests");
        await _producer.ProduceAsync(topic, message);
    }

    public IReadOnlyList<ObservedEvent> Events(Guid orderId) =>
        _byKey.TryGetValue(orderId.ToString(), out var queue) ? queue.ToList() : [];

    public bool HasSeen<TEvent>(Guid orderId) => Events(orderId).Any(e => e.Is<TEvent>());

    public async Task<T> WaitForAsync<T>(Guid orderId, int timeoutSeconds = 30) where T : IIntegrationEvent
    {
        var observed = await Eventually.GetAsync(
            () => Task.FromResult(Events(orderId).FirstOrDefault(e => e.Is<T>())), e => e is not null,
            $"{typeof(T).Name} for order {orderId} is published", timeoutSeconds);
        return observed.As<T>();
    }

    private void Consume()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = _consumer.Consume(_stop.Token);
                if (result?.Message is null) continue;
                using var document = JsonDocument.Parse(result.Message.Value);
                var observed = new ObservedEvent(document.RootElement.GetProperty("type").GetString()!, document.RootElement.GetProperty("data").Clone());
                _byKey.GetOrAdd(result.Message.Key, _ => new()).Enqueue(observed);
                if (AutoReply is { } reply)
                    foreach (var answer in reply(observed))
                        _ = PublishAsync(answer);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ConsumeException)
            {
                // Topic not created yet on the mock cluster: it appears with Ordering's first publish.
                Thread.Sleep(50);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _consumer.Close();
        _consumer.Dispose();
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}

public sealed record ObservedEvent(string Type, JsonElement Data)
{
    public bool Is<T>() => Type == PeerMessages.TypeName<T>();

    public T As<T>() => Data.Deserialize<T>(KafkaPeers.Json)!;
}
