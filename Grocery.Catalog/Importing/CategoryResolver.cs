using Grocery.Catalog.Domain;

namespace Grocery.Catalog.Importing;

/// <summary>Finds or creates the categories of "Top > Sub" paths, by slug, inside the caller's transaction.</summary>
public static class CategoryResolver
{
    public static async Task<Dictionary<string, int>> ResolveAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IEnumerable<string[]> paths, CancellationToken ct)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = 0;
        foreach (var path in paths)
        {
            int? parent = null;
            for (var depth = 0; depth < path.Length; depth++)
            {
                var key = string.Join(" > ", path[..(depth + 1)]);
                if (ids.TryGetValue(key, out var known)) { parent = known; continue; }
                await using var cmd = new NpgsqlCommand("""
                    INSERT INTO categories (parent_id, name, slug, sort_order) VALUES (@parent, @name, @slug, @order)
                    ON CONFLICT (slug) DO UPDATE SET name = categories.name
                    RETURNING id
                    """, connection, tx);
                cmd.Parameters.AddWithValue("parent", NpgsqlDbType.Integer, (object?)parent ?? DBNull.Value);
                cmd.Parameters.AddWithValue("name", path[depth]);
                cmd.Parameters.AddWithValue("slug", ProductRules.Slugify(path[depth]));
                cmd.Parameters.AddWithValue("order", order++);
                var id = (int)(await cmd.ExecuteScalarAsync(ct))!;
                ids[key] = id;
                parent = id;
            }
        }
        return ids;
    }
}
