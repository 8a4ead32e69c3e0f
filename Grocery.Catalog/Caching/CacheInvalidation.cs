namespace Grocery.Catalog.Caching;

/// <summary>
/// Invalidation travels as PostgreSQL NOTIFY inside the writing transaction: it is delivered only if
/// the change commits, and to every catalog replica listening on the primary.
/// </summary>
public static class CacheInvalidation
{
    public const string Channel = "catalog_cache";

    public static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<string> tags, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection, transaction);
        cmd.Parameters.AddWithValue("channel", Channel);
        cmd.Parameters.AddWithValue("payload", string.Join(' ', tags));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static Task NotifyAsync(CatalogDbContext db, IEnumerable<string> tags, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, string.Join(' ', tags)], ct);
}
