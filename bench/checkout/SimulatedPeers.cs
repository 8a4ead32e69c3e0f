using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Grocery.Contracts;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Contracts.Ordering;
using Grocery.Messaging.Topics;
using Grocery.Ordering.Tests;

namespace Grocery.Checkout.Bench;

/// <summary>
/// Inventory and Delivery as Ordering sees them over Kafka: all-or-nothing reservation against a
/// per-SKU stock under a lock, release on OrderCancelled, slot confirmed at once. Records when each
/// order's OrderConfirmed / OrderCancelled arrives.
/// </summary>
public sealed class SimulatedPeers : IDisposable
{
    private static JsonSerializerOptions Json => PeerMessages.Json;
    private readonly IProducer<string, string> _producer;
    private readonly IConsumer<string, string> _consumer;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, decimal> _available;
    private readonly Dictionary<Guid, List<ReservedLine>> _reservations = [];
    private readonly object _stockLock = new();

    public SimulatedPeers(string bootstrap, Dictionary<string, decimal> stock)
    {
        InitialStock = new Dictionary<string, decimal>(stock);
        _available = new Dictionary<string, decimal>(stock);
        _producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 2, SocketNagleDisable = true }).Build();
        _consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = $"bench-peers-{Guid.NewGuid():N}", AutoOffsetReset = AutoOffsetReset.Earliest,
            AllowAutoCreateTopics = true, FetchWaitMaxMs = 5, SocketNagleDisable = true,
        }).Build();
        _consumer.Subscribe(GroceryTopics.Ordering);
        _thread = new Thread(Run) { IsBackground = true };
        _thread.Start();
    }

    public IReadOnlyDictionary<string, decimal> InitialStock { get; }

    public ConcurrentDictionary<Guid, long> Confirmed { get; } = new();

    public ConcurrentDictionary<Guid, long> Cancelled { get; } = new();

    public int OversoldUnits
    {
        get { lock (_stockLock) return (int)_available.Values.Where(v => v < 0).Sum(v => -v); }
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<string, string>? result;
            try
            {
                result = _consumer.Consume(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ConsumeException)
            {
                Thread.Sleep(20);
                continue;
            }
            if (result?.Message is null) continue;
            using var document = JsonDocument.Parse(result.Message.Value);
            var type = document.RootElement.GetProperty("type").GetString();
            var data = document.RootElement.GetProperty("data");
            if (type == TypeOf<OrderPlacedIntegrationEvent>()) OnPlaced(data.Deserialize<OrderPlacedIntegrationEvent>(Json)!);
            else if (type == TypeOf<OrderCancelledIntegrationEvent>()) OnCancelled(data.Deserialize<OrderCancelledIntegrationEvent>(Json)!);
            else if (type == TypeOf<OrderConfirmedIntegrationEvent>()) Confirmed.TryAdd(data.Deserialize<OrderConfirmedIntegrationEvent>(Json)!.OrderId, Stopwatch.GetTimestamp());
        }
    }

    private void OnPlaced(OrderPlacedIntegrationEvent placed)
    {
        IIntegrationEvent stockReply;
        lock (_stockLock)
        {
            if (_reservations.ContainsKey(placed.OrderId)) return; // redelivery
            var shortfalls = placed.Lines.Where(l => _available[l.Sku] < l.Quantity)
                .Select(l => new StockShortfallLine(l.Sku, l.Quantity, _available[l.Sku])).ToList();
            if (shortfalls.Count > 0)
            {
                stockReply = new StockReservationFailedIntegrationEvent(placed.OrderId, placed.WarehouseId, shortfalls);
                _reservations[placed.OrderId] = [];
            }
            else
            {
                var lines = placed.Lines.Select(l => new ReservedLine(l.Sku, l.Quantity)).ToList();
                foreach (var line in lines) _available[line.Sku] -= line.Quantity;
                _reservations[placed.OrderId] = lines;
                stockReply = new StockReservedIntegrationEvent(placed.OrderId, placed.WarehouseId, lines, DateTimeOffset.UtcNow.AddMinutes(15));
            }
        }
        Publish(stockReply);
        Publish(new SlotConfirmedIntegrationEvent(placed.OrderId, placed.SlotId, placed.SlotHoldId, placed.ZoneId,
            placed.SlotWindowStart, placed.SlotWindowEnd, placed.DeliveryFee));
    }

    private void OnCancelled(OrderCancelledIntegrationEvent cancelled)
    {
        lock (_stockLock)
        {
            if (_reservations.TryGetValue(cancelled.OrderId, out var lines))
                foreach (var line in lines) _available[line.Sku] += line.Quantity;
            _reservations[cancelled.OrderId] = [];
        }
        Cancelled.TryAdd(cancelled.OrderId, Stopwatch.GetTimestamp());
    }

    private void Publish(IIntegrationEvent @event)
    {
        var (topic, message) = PeerMessages.Create(@event, "/grocery/bench-peers");
        _producer.Produce(topic, message);
    }

    private static string TypeOf<T>() => PeerMessages.TypeName<T>();

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
