using Google.Cloud.Firestore.V1;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Grocery.Firestore.Projection;

/// <summary>The checkpoint's SQL: conditional on version, so order of arrival and duplicates do not matter.</summary>
public static class LiveDocumentStore
{
    private const string Table = $"{LiveDocumentModelBuilderExtensions.Schema}.{LiveDocumentModelBuilderExtensions.Table}";

    /// <summary>Records the change in the context's current transaction (the handler's); false when a newer or equal version is already there.</summary>
    public static async Task<bool> RecordAsync(DbContext db, LiveDocumentChange change, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Table} (collection, document_id, fields, version, written_version, changed_at)
            VALUES (@collection, @id, @fields, @version, 0, @changedAt)
            ON CONFLICT (collection, document_id) DO UPDATE
                SET fields = excluded.fields, version = excluded.version, changed_at = excluded.changed_at
                WHERE {LiveDocumentModelBuilderExtensions.Table}.version < excluded.version
            """, connection, transaction);
        command.Parameters.AddWithValue("collection", change.Collection);
        command.Parameters.AddWithValue("id", change.DocumentId);
        command.Parameters.AddWithValue("fields", change.Fields.ToByteArray());
        command.Parameters.AddWithValue("version", change.Version);
        command.Parameters.AddWithValue("changedAt", changedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Documents whose latest version Firestore has not received and that were not sent within the last <paramref name="minimumInterval"/>.</summary>
    internal static async Task<List<LiveDocumentChange>> PendingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, TimeSpan minimumInterval, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT collection, document_id, fields, version FROM {Table}
            WHERE version > written_version AND (written_at IS NULL OR written_at <= @due)
            ORDER BY changed_at
            LIMIT @limit
            """, connection, transaction);
        command.Parameters.AddWithValue("due", now - minimumInterval);
        command.Parameters.AddWithValue("limit", limit);
        var pending = new List<LiveDocumentChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new LiveDocumentChange(reader.GetString(0), reader.GetString(1),
                MapValue.Parser.ParseFrom(reader.GetFieldValue<byte[]>(2)), reader.GetInt64(3)));
        }
        return pending;
    }

    internal static async Task MarkWrittenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LiveDocumentChange> written, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE {Table} AS d SET written_version = w.version, written_at = @now
            FROM unnest(@collections, @ids, @versions) AS w(collection, document_id, version)
            WHERE d.collection = w.collection AND d.document_id = w.document_id AND d.written_version < w.version
            """, connection, transaction);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("collections", written.Select(w => w.Collection).ToArray());
        command.Parameters.AddWithValue("ids", written.Select(w => w.DocumentId).ToArray());
        command.Parameters.AddWithValue("versions", written.Select(w => w.Version).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
