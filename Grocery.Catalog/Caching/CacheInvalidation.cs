using System.Text;

namespace Grocery.Catalog.Caching;

/// <summary>
/// Invalidation travels as PostgreSQL NOTIFY inside the writing transaction: it is delivered only if
/// the change commits, and to every catalog replica listening on the primary.
/// </summary>
public static class CacheInvalidation
{
    public const string Channel = "catalog_cache";

    /// <summary>PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; an import of a few hundred new products names more tags than that.</summary>
    public const int MaxPayloadBytes = 7_900;

    public static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<string> tags, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_notify(@channel, payload) FROM unnest(@payloads) AS payload", connection, transaction);
        cmd.Parameters.AddWithValue("channel", Channel);
        cmd.Parameters.AddWithValue("payloads", Payloads(tags));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static Task NotifyAsync(CatalogDbContext db, IEnumerable<string> tags, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, payload) FROM unnest({1}) AS payload", [Channel, Payloads(tags)], ct);

    /// <summary>The tags, space-separated, in as few payloads as fit PostgreSQL's limit; listeners read each one alike.</summary>
    public static string[] Payloads(IEnumerable<string> tags)
    {
        var payloads = new List<string>();
        var current = new StringBuilder();
        var bytes = 0;
        foreach (var tag in tags)
        {
            var size = Encoding.UTF8.GetByteCount(tag);
            if (current.Length > 0 && bytes + 1 + size > MaxPayloadBytes)
            {
                payloads.Add(current.ToString());
                current.Clear();
                bytes = 0;
            }
            if (current.Length > 0)
            {
                current.Append(' ');
                bytes++;
            }
            current.Append(tag);
            bytes += size;
        }
        if (current.Length > 0) payloads.Add(current.ToString());
        return [.. payloads];
    }
}
