namespace Grocery.Messaging.Outbox;

/// <summary>
/// Outbox rows Kafka refused for good live in messaging.dead_letters under this pseudo consumer
/// group, with partition −1 and the outbox row's id as the offset; the row itself stays in the
/// outbox, unpublished. While such a dead letter is pending, the relay skips every row of its
/// topic and key: later events of an aggregate never overtake an earlier one. Publishing them
/// would let a consumer see OrderCancelled before the OrderPlaced that a replay sends later, and
/// reserve stock for a cancelled order; held back, a replay publishes both in their order, and a
/// discard lets the later ones follow (the saga that never got its answer times out and compensates).
/// </summary>
internal static class OutboxDeadLetters
{
    /// <summary>Not a Kafka consumer group: only the ops API and the relay read it.</summary>
    public const string Group = "#outbox";

    // A pending outbox dead letter on the row's topic and key (ix_dead_letters_pending_key).
    public const string Holds = $"""
        EXISTS (SELECT 1 FROM messaging.dead_letters d
                WHERE d.consumer_group = '{Group}' AND d.status = 0 AND d.partition_key = o.partition_key AND d.topic = o.topic)
        """;

    public const string Fetch = $"""
        SELECT o.id, o.message_id, o.topic, o.partition_key, o.event_type, o.payload, o.traceparent, o.created_at
        FROM messaging.outbox_messages o
        WHERE o.published_at IS NULL AND NOT {Holds}
        ORDER BY o.id LIMIT @limit
        """;

    // Runs after the refused rows' attempts were counted; a replayed row refused again reopens its
    // dead letter (same id) rather than adding a second one.
    public const string Park = $"""
        INSERT INTO messaging.dead_letters (consumer_group, topic, "partition", "offset", partition_key, message_id, event_type, payload, error, attempts, status, dead_lettered_at)
        SELECT '{Group}', o.topic, -1, o.id, o.partition_key, o.message_id::text, o.event_type, o.payload, r.error, o.attempts, 0, now()
        FROM unnest(@ids, @errors) AS r(id, error) JOIN messaging.outbox_messages o ON o.id = r.id
        ON CONFLICT (consumer_group, message_id) DO UPDATE
        SET status = 0, error = excluded.error, attempts = excluded.attempts, dead_lettered_at = excluded.dead_lettered_at, resolved_at = NULL
        """;

    /// <summary>Unpublished rows of the dead letter's topic and key, its own row excluded.</summary>
    public const string HeldBehind = """
        (SELECT count(*) FROM messaging.outbox_messages o
         WHERE o.published_at IS NULL AND o.topic = d.topic AND o.partition_key = d.partition_key AND o.id <> d."offset")::int
        """;
}
