namespace Grocery.Messaging.Outbox;

internal static class OutboxSql
{
    // NOTIFY is transactional: the relay leader wakes when (and only if) the writing transaction commits.
    public const string Channel = "grocery_messaging_outbox";

    public const string Notify = "NOTIFY " + Channel;

    public const string Insert = """
        INSERT INTO messaging.outbox_messages (message_id, topic, partition_key, event_type, payload, traceparent, created_at, attempts)
        VALUES (@message_id, @topic, @partition_key, @event_type, @payload, @traceparent, @created_at, 0);
        NOTIFY grocery_messaging_outbox;
        """;
}
