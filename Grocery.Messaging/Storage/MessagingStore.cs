using Grocery.Messaging.Consuming;
using Microsoft.EntityFrameworkCore.Storage;

namespace Grocery.Messaging.Storage;

/// <summary>Raw SQL on the messaging tables, run on the DbContext's connection and current transaction.</summary>
internal static class MessagingStore
{
    private const string SeenSql = """
        SELECT message_id FROM messaging.inbox_messages WHERE consumer_group = @group AND message_id = ANY(@ids)
        UNION ALL
        SELECT message_id FROM messaging.dead_letters WHERE consumer_group = @group AND message_id = ANY(@ids)
        """;

    private const string BlockedSql = """
        SELECT topic || '/' || partition_key FROM messaging.dead_letters
        WHERE consumer_group = @group AND status = 0 AND partition_key = ANY(@keys)
        FOR SHARE
        """;

    public static NpgsqlCommand Command(DbContext db, string sql)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    /// <summary>
    /// One round trip for both checks of a batch: ids already handled or dead-lettered, and keys
    /// blocked by a pending dead letter. FOR SHARE waits for a replay or discard in progress on that
    /// dead letter and then sees its final status, so nothing is parked behind a resolved one.
    /// </summary>
    public static async Task<(HashSet<string> Seen, HashSet<string> Blocked)> SelectSeenAndBlockedAsync(
        DbContext db, string group, string[] messageIds, string[] keys, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        var seen = new NpgsqlBatchCommand(SeenSql);
        seen.Parameters.AddWithValue("group", group);
        seen.Parameters.AddWithValue("ids", messageIds);
        var blocked = new NpgsqlBatchCommand(BlockedSql);
        blocked.Parameters.AddWithValue("group", group);
        blocked.Parameters.AddWithValue("keys", keys);
        batch.BatchCommands.Add(seen);
        batch.BatchCommands.Add(blocked);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var blockedKeys = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) seenIds.Add(reader.GetString(0));
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) blockedKeys.Add(reader.GetString(0));
        return (seenIds, blockedKeys);
    }

    public static async Task<bool> IsHandledAsync(DbContext db, string group, string messageId, CancellationToken cancellationToken)
    {
        await using var command = Command(db, "SELECT 1 FROM messaging.inbox_messages WHERE consumer_group = @group AND message_id = @id");
        command.Parameters.AddWithValue("group", group);
        command.Parameters.AddWithValue("id", messageId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public static string BlockKey(string topic, string key) => topic + "/" + key;

    public static Task InsertInboxAsync(DbContext db, string group, IReadOnlyList<ParsedMessage> messages, CancellationToken cancellationToken) =>
        RecordOutcomeAsync(db, group, messages, [], notify: false, cancellationToken);

    /// <summary>
    /// In one round trip: the handled messages' inbox rows, the parked ones, and the outbox's NOTIFY when the
    /// handlers wrote outbox rows (<see cref="Outbox.NotifyDeferral"/>).
    /// </summary>
    public static async Task RecordOutcomeAsync(DbContext db, string group, IReadOnlyList<ParsedMessage> handled, IReadOnlyList<ParsedMessage> parked,
        bool notify, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        if (handled.Count > 0) batch.BatchCommands.Add(InboxCommand(group, handled));
        if (parked.Count > 0) batch.BatchCommands.Add(ParkedCommand(group, parked));
        if (notify) batch.BatchCommands.Add(new NpgsqlBatchCommand(Outbox.OutboxSql.Notify));
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand InboxCommand(string group, IReadOnlyList<ParsedMessage> messages)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO messaging.inbox_messages (consumer_group, message_id, event_type, processed_at)
            SELECT @group, id, type, now() FROM unnest(@ids, @types) AS m(id, type)
            """);
        command.Parameters.AddWithValue("group", group);
        command.Parameters.AddWithValue("ids", messages.Select(m => m.MessageId).ToArray());
        command.Parameters.AddWithValue("types", messages.Select(m => m.EventType).ToArray());
        return command;
    }

    private static NpgsqlBatchCommand ParkedCommand(string group, IReadOnlyList<ParsedMessage> messages)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO messaging.parked_messages (consumer_group, topic, "partition", "offset", partition_key, message_id, payload, parked_at)
            SELECT @group, topic, p, o, k, id, payload, now() FROM unnest(@topics, @partitions, @offsets, @keys, @ids, @payloads) AS m(topic, p, o, k, id, payload)
            ON CONFLICT (consumer_group, message_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("group", group);
        command.Parameters.AddWithValue("topics", messages.Select(m => m.Raw.Topic).ToArray());
        command.Parameters.AddWithValue("partitions", messages.Select(m => m.Raw.Partition).ToArray());
        command.Parameters.AddWithValue("offsets", messages.Select(m => m.Raw.Offset).ToArray());
        command.Parameters.AddWithValue("keys", messages.Select(m => m.Raw.Key).ToArray());
        command.Parameters.AddWithValue("ids", messages.Select(m => m.MessageId).ToArray());
        command.Parameters.AddWithValue("payloads", messages.Select(m => m.Raw.Payload).ToArray());
        return command;
    }

    public static async Task<long?> InsertDeadLetterAsync(DbContext db, string group, ParsedMessage message, string error, int attempts, CancellationToken cancellationToken)
    {
        await using var command = Command(db, """
            INSERT INTO messaging.dead_letters (consumer_group, topic, "partition", "offset", partition_key, message_id, event_type, payload, error, attempts, status, dead_lettered_at)
            VALUES (@group, @topic, @partition, @offset, @key, @id, @type, @payload, @error, @attempts, 0, now())
            ON CONFLICT (consumer_group, message_id) DO NOTHING
            RETURNING id
            """);
        command.Parameters.AddWithValue("group", group);
        command.Parameters.AddWithValue("topic", message.Raw.Topic);
        command.Parameters.AddWithValue("partition", message.Raw.Partition);
        command.Parameters.AddWithValue("offset", message.Raw.Offset);
        command.Parameters.AddWithValue("key", message.Raw.Key);
        command.Parameters.AddWithValue("id", message.MessageId);
        command.Parameters.AddWithValue("type", message.Envelope?.Type is { } type ? type : DBNull.Value);
        command.Parameters.AddWithValue("payload", message.Raw.Payload);
        command.Parameters.AddWithValue("error", error);
        command.Parameters.AddWithValue("attempts", attempts);
        return (long?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public static async Task<long> CountBlockedKeysAsync(DbContext db, string group, CancellationToken cancellationToken)
    {
        await using var command = Command(db, "SELECT count(DISTINCT (topic, partition_key)) FROM messaging.dead_letters WHERE consumer_group = @group AND status = 0");
        command.Parameters.AddWithValue("group", group);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
