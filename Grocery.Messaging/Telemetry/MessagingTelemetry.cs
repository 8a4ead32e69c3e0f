using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Grocery.Messaging.Telemetry;

/// <summary>The ActivitySource and Meter named "Grocery.Messaging" that ServiceDefaults subscribes to.</summary>
public static class MessagingTelemetry
{
    public const string Name = "Grocery.Messaging";

    public static readonly ActivitySource ActivitySource = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Histogram<double> PublishLatency = Meter.CreateHistogram<double>(
        "grocery.messaging.publish.latency", "s", "Time from the outbox write to the broker's acknowledgement.");

    internal static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "grocery.messaging.published", "{message}", "Outbox messages acknowledged by the broker.");

    internal static readonly Histogram<double> HandlerDuration = Meter.CreateHistogram<double>(
        "grocery.messaging.handler.duration", "s", "Duration of one integration event handler run.");

    internal static readonly Histogram<double> EndToEndLatency = Meter.CreateHistogram<double>(
        "grocery.messaging.end_to_end.latency", "s", "Time from the outbox write to the handler's commit.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "grocery.messaging.handler.retries", "{attempt}", "Handler attempts after a failure.");

    internal static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>(
        "grocery.messaging.dead_letters", "{message}", "Messages moved to a dead-letter topic.");

    internal static readonly Counter<long> Parked = Meter.CreateCounter<long>(
        "grocery.messaging.parked", "{message}", "Messages parked behind a dead letter with the same key.");

    private static readonly ConcurrentDictionary<string, (long Backlog, double AgeSeconds, long Parked)> OutboxState = new();
    private static readonly ConcurrentDictionary<(string Group, string Topic, int Partition), long> LagState = new();
    private static readonly ConcurrentDictionary<string, long> ParkedKeysState = new();

    static MessagingTelemetry()
    {
        Meter.CreateObservableGauge("grocery.messaging.outbox.backlog",
            () => OutboxState.Select(s => new Measurement<long>(s.Value.Backlog, new KeyValuePair<string, object?>("db", s.Key))),
            "{message}", "Outbox rows waiting for the relay (parked rows excluded).");
        Meter.CreateObservableGauge("grocery.messaging.outbox.age",
            () => OutboxState.Select(s => new Measurement<double>(s.Value.AgeSeconds, new KeyValuePair<string, object?>("db", s.Key))),
            "s", "Age of the oldest outbox row waiting for the relay.");
        Meter.CreateObservableGauge("grocery.messaging.outbox.parked",
            () => OutboxState.Select(s => new Measurement<long>(s.Value.Parked, new KeyValuePair<string, object?>("db", s.Key))),
            "{message}", "Outbox rows Kafka refused, and the later rows of their keys held behind them, until ops replay or discard.");
        Meter.CreateObservableGauge("grocery.messaging.consumer.lag",
            () => LagState.Select(s => new Measurement<long>(s.Value,
                new KeyValuePair<string, object?>("consumer_group", s.Key.Group),
                new KeyValuePair<string, object?>("topic", s.Key.Topic),
                new KeyValuePair<string, object?>("partition", s.Key.Partition))),
            "{message}", "High watermark minus the consumer's position.");
        Meter.CreateObservableGauge("grocery.messaging.parked_keys",
            () => ParkedKeysState.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("consumer_group", s.Key))),
            "{key}", "Keys blocked behind an unresolved dead letter.");
    }

    internal static void ReportOutbox(string database, long backlog, double ageSeconds, long parked) => OutboxState[database] = (backlog, ageSeconds, parked);

    internal static void ReportLag(string group, string topic, int partition, long lag) => LagState[(group, topic, partition)] = lag;

    internal static void ReportParkedKeys(string group, long keys) => ParkedKeysState[group] = keys;

    internal static ActivityContext ParseParent(string? traceparent) =>
        traceparent is not null && ActivityContext.TryParse(traceparent, null, out var context) ? context : default;
}
