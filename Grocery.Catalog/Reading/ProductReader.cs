using System.Globalization;
using System.Text;
using Grocery.Catalog.Apis;

namespace Grocery.Catalog.Reading;

/// <summary>The catalog's read queries, hand-written for the hot path (no change tracking, one round trip).</summary>
public sealed class ProductReader(CatalogDataSources dataSources)
{
    // Column order is the contract with ReadSummary.
    internal const string SummaryColumns = """
        p.id, p.sku, p.slug, p.name, p.name_en, p.brand, p.category_id, p.price, p.unit_price, p.unit_price_unit,
        p.sold_by, p.unit, p.net_content, p.tax_class, p.dietary_tags, p.images[1], p.popularity, p.created_at
        """;

    internal static string AvailabilityJoin(Guid? warehouse) => warehouse is null
        ? "NULL::smallint AS state"
        : "(SELECT a.state FROM product_availability a WHERE a.sku = p.sku AND a.warehouse_id = @warehouse) AS state";

    internal static ProductSummary ReadSummary(NpgsqlDataReader r, bool withWarehouse) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6),
        r.GetDecimal(7), r.GetDecimal(8), r.GetString(9), r.GetString(10).ToLowerInvariant(), r.GetString(11),
        r.GetDecimal(12), r.GetInt32(13), r.GetFieldValue<string[]>(14), r.IsDBNull(15) ? null : r.GetString(15),
        AvailabilityName(withWarehouse, r.IsDBNull(18) ? null : r.GetInt16(18)));

    internal static string? AvailabilityName(bool withWarehouse, short? state) => !withWarehouse ? null : state switch
    {
        0 => "in_stock",
        1 => "low_stock",
        2 => "out_of_stock",
        _ => "unknown",
    };

    public async Task<ProductPage> ListAsync(ListingQuery q, CancellationToken ct)
    {
        var sql = new StringBuilder(2048);
        await using var cmd = dataSources.Read.CreateCommand();
        var priceSort = q.Sort is ListingSort.PriceAsc or ListingSort.PriceDesc or ListingSort.UnitPriceAsc;
        // Only pages after the first of a listing whose order or filter depends on price read prices as of
        // the first page's snapshot; every other listing is the plain keyset query on the existing indexes.
        var snapshot = q.Cursor?.Snapshot is { } s && (priceSort || q.MinPrice is not null || q.MaxPrice is not null) ? s : null;
        var ctes = new List<string>(2);
        if (q.Category is not null)
        {
            ctes.Add("""
                cats AS (
                    SELECT id FROM categories WHERE slug = @category OR id::text = @category
                    UNION ALL SELECT c.id FROM categories c JOIN cats ON c.parent_id = cats.id)
                """);
            cmd.Parameters.AddWithValue("category", q.Category);
        }
        if (snapshot is not null)
        {
            // A product repriced after the snapshot was, in it, at the old price of its first later change
            // (changes to one product are serialized by its row lock, so history ids follow their order).
            ctes.Add("""
                changed AS MATERIALIZED (
                    SELECT DISTINCT ON (h.product_id) h.product_id, h.old_price, h.old_unit_price
                    FROM product_price_history h
                    WHERE h.xid >= pg_snapshot_xmin(@snapshot::pg_snapshot) AND NOT pg_visible_in_snapshot(h.xid, @snapshot::pg_snapshot)
                    ORDER BY h.product_id, h.id)
                """);
            cmd.Parameters.AddWithValue("snapshot", snapshot);
        }
        if (ctes.Count > 0) sql.Append("WITH RECURSIVE ").AppendJoin(",\n", ctes).Append('\n');
        if (q.Warehouse is { } w) cmd.Parameters.AddWithValue("warehouse", w);
        if (q.Brands.Length > 0) cmd.Parameters.AddWithValue("brands", q.Brands);
        if (q.Tags.Length > 0) cmd.Parameters.AddWithValue("tags", q.Tags);
        if (q.MinPrice is { } min) cmd.Parameters.AddWithValue("min", min);
        if (q.MaxPrice is { } max) cmd.Parameters.AddWithValue("max", max);

        var (keyColumn, descending) = q.Sort switch
        {
            ListingSort.PriceAsc => ("p.price", false),
            ListingSort.PriceDesc => ("p.price", true),
            ListingSort.UnitPriceAsc => ("p.unit_price", false),
            ListingSort.NameAsc => ("p.name", false),
            ListingSort.Newest => ("p.created_at", true),
            _ => ("p.popularity", true),
        };
        if (q.Cursor is { } cursor)
        {
            cmd.Parameters.AddWithValue("key", CursorKeyValue(cursor));
            cmd.Parameters.AddWithValue("after", cursor.Id);
        }
        var direction = descending ? " DESC" : "";
        cmd.Parameters.AddWithValue("limit", q.Limit + 1);

        void Select(string price, string unitPrice, string from, string? exclude)
        {
            var key = q.Sort switch
            {
                ListingSort.PriceAsc or ListingSort.PriceDesc => price,
                ListingSort.UnitPriceAsc => unitPrice,
                _ => keyColumn,
            };
            sql.Append("SELECT ").Append(SummaryColumns).Append(", ").Append(AvailabilityJoin(q.Warehouse))
                .Append(", ").Append(price).Append(" AS key_price, ").Append(unitPrice).Append(" AS key_unit_price");
            if (snapshot is null) sql.Append(", pg_current_snapshot()::text");
            sql.Append(" FROM ").Append(from).Append(" WHERE p.is_active");
            if (exclude is not null) sql.Append(exclude);
            // An array (not IN over the recursive CTE) lets the planner see a handful of categories and use their indexes.
            if (q.Category is not null) sql.Append(" AND p.category_id = ANY(ARRAY(SELECT id FROM cats))");
            if (q.Brands.Length > 0) sql.Append(" AND lower(p.brand) = ANY(@brands)");
            if (q.Tags.Length > 0) sql.Append(" AND p.dietary_tags @> @tags");
            if (q.MinPrice is not null) sql.Append(" AND ").Append(price).Append(" >= @min");
            if (q.MaxPrice is not null) sql.Append(" AND ").Append(price).Append(" <= @max");
            if (q.InStock)
                sql.Append(" AND EXISTS (SELECT 1 FROM product_availability a WHERE a.sku = p.sku AND a.warehouse_id = @warehouse AND a.state <> 2)");
            if (q.Cursor is not null)
                sql.Append(" AND (").Append(key).Append(", p.id) ").Append(descending ? '<' : '>').Append(" (@key, @after)");
            sql.Append(" ORDER BY ").Append(key).Append(direction).Append(", p.id").Append(direction).Append(" LIMIT @limit");
        }

        if (snapshot is null)
        {
            Select("p.price", "p.unit_price", "products p", null);
        }
        else
        {
            var outerKey = q.Sort switch
            {
                ListingSort.PriceAsc or ListingSort.PriceDesc => "key_price",
                ListingSort.UnitPriceAsc => "key_unit_price",
                _ => keyColumn[2..],
            };
            sql.Append("SELECT * FROM ((");
            Select("p.price", "p.unit_price", "products p", " AND p.id NOT IN (SELECT product_id FROM changed)");
            sql.Append(") UNION ALL (");
            Select("c.old_price", "c.old_unit_price", "changed c JOIN products p ON p.id = c.product_id", null);
            sql.Append(")) page ORDER BY ").Append(outerKey).Append(direction).Append(", id").Append(direction).Append(" LIMIT @limit");
        }
        cmd.CommandText = sql.ToString();

        var items = new List<ProductSummary>(q.Limit + 1);
        var keys = new List<string>(q.Limit + 1);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                items.Add(ReadSummary(r, q.Warehouse is not null));
                keys.Add(q.Sort switch
                {
                    ListingSort.PriceAsc or ListingSort.PriceDesc => r.GetDecimal(19).ToString(CultureInfo.InvariantCulture),
                    ListingSort.UnitPriceAsc => r.GetDecimal(20).ToString(CultureInfo.InvariantCulture),
                    ListingSort.NameAsc => r.GetString(3),
                    ListingSort.Newest => r.GetFieldValue<DateTime>(17).Ticks.ToString(CultureInfo.InvariantCulture),
                    _ => r.GetInt32(16).ToString(CultureInfo.InvariantCulture),
                });
                snapshot ??= r.GetString(21);
            }
        }
        string? next = null;
        if (items.Count > q.Limit)
        {
            items.RemoveAt(q.Limit);
            var last = items[^1];
            next = new ListingCursor(q.Sort, keys[q.Limit - 1], last.Id, q.Cursor?.Snapshot ?? snapshot).Encode();
        }
        return new ProductPage(items, next);
    }

    private static object CursorKeyValue(ListingCursor cursor) => cursor.Sort switch
    {
        ListingSort.Relevance => int.Parse(cursor.Key, CultureInfo.InvariantCulture),
        ListingSort.NameAsc => cursor.Key,
        ListingSort.Newest => new DateTime(long.Parse(cursor.Key, CultureInfo.InvariantCulture), DateTimeKind.Utc),
        _ => decimal.Parse(cursor.Key, CultureInfo.InvariantCulture),
    };

    public async Task<IReadOnlyList<ProductSummary>> GetManyAsync(Guid[] ids, Guid? warehouse, CancellationToken ct)
    {
        await using var cmd = dataSources.Read.CreateCommand(
            $"SELECT {SummaryColumns}, {AvailabilityJoin(warehouse)} FROM products p WHERE p.id = ANY(@ids) AND p.is_active");
        cmd.Parameters.AddWithValue("ids", ids);
        if (warehouse is { } w) cmd.Parameters.AddWithValue("warehouse", w);
        var items = new List<ProductSummary>(ids.Length);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) items.Add(ReadSummary(r, warehouse is not null));
        var order = ids.Select((id, i) => (id, i)).GroupBy(x => x.id).ToDictionary(g => g.Key, g => g.First().i);
        return [.. items.OrderBy(i => order[i.Id])];
    }

    /// <summary>Active products by SKU (the key Inventory and the staff lists use), in the order asked; an unknown SKU is left out.</summary>
    public async Task<IReadOnlyList<ProductSummary>> GetManyBySkuAsync(string[] skus, Guid? warehouse, CancellationToken ct)
    {
        await using var cmd = dataSources.Read.CreateCommand(
            $"SELECT {SummaryColumns}, {AvailabilityJoin(warehouse)} FROM products p WHERE p.sku = ANY(@skus) AND p.is_active");
        cmd.Parameters.AddWithValue("skus", skus);
        if (warehouse is { } w) cmd.Parameters.AddWithValue("warehouse", w);
        var items = new List<ProductSummary>(skus.Length);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) items.Add(ReadSummary(r, warehouse is not null));
        var order = skus.Select((sku, i) => (sku, i)).GroupBy(x => x.sku).ToDictionary(g => g.Key, g => g.First().i);
        return [.. items.OrderBy(i => order[i.Sku])];
    }

    /// <summary>By slug for shoppers (active only), or by id for store managers (<paramref name="includeInactive"/>).</summary>
    public async Task<ProductDetail?> GetDetailAsync(string? slug, Guid? id, Guid? warehouse, bool includeInactive, bool fromPrimary, CancellationToken ct)
    {
        var source = fromPrimary ? dataSources.Primary : dataSources.Read;
        var where = slug is not null ? "p.slug = @slug" : "p.id = @id";
        await using var batch = source.CreateBatch();
        var main = new NpgsqlBatchCommand($"""
            SELECT p.id, p.sku, p.gtin, p.slug, p.name, p.name_en, p.description, p.brand, p.category_id, p.price, p.tax_class,
                   p.unit_price, p.unit_price_unit, p.sold_by, p.unit, p.net_content, p.dietary_tags, p.allergens,
                   p.country_of_origin, p.storage, p.perishable, p.shelf_life_days, p.images, p.is_active, p.created_at,
                   p.updated_at, p.xmin, {AvailabilityJoin(warehouse)}, p.description_en
            FROM products p WHERE {where}{(includeInactive ? "" : " AND p.is_active")}
            """);
        var path = new NpgsqlBatchCommand($"""
            WITH RECURSIVE up AS (
                SELECT c.id, c.parent_id, c.name, c.slug, 0 AS depth FROM categories c
                WHERE c.id = (SELECT p.category_id FROM products p WHERE {where})
                UNION ALL SELECT c.id, c.parent_id, c.name, c.slug, up.depth + 1 FROM categories c JOIN up ON c.id = up.parent_id)
            SELECT id, name, slug FROM up ORDER BY depth DESC
            """);
        foreach (var cmd in new[] { main, path })
        {
            if (slug is not null) cmd.Parameters.AddWithValue("slug", slug);
            else cmd.Parameters.AddWithValue("id", id!.Value);
            if (warehouse is { } w) cmd.Parameters.AddWithValue("warehouse", w);
        }
        batch.BatchCommands.Add(main);
        batch.BatchCommands.Add(path);
        await using var r = await batch.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var d = new ProductDetail(
            r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
            r.GetString(28), r.GetString(7), [], r.GetDecimal(9), r.GetInt32(10), r.GetDecimal(11), r.GetString(12),
            r.GetString(13).ToLowerInvariant(), r.GetString(14), r.GetDecimal(15), r.GetFieldValue<string[]>(16),
            r.GetFieldValue<string[]>(17), r.GetString(18), r.GetString(19).ToLowerInvariant(), r.GetBoolean(20),
            r.IsDBNull(21) ? null : r.GetInt32(21), r.GetFieldValue<string[]>(22), r.GetBoolean(23),
            r.GetFieldValue<DateTimeOffset>(24), r.GetFieldValue<DateTimeOffset>(25),
            r.GetFieldValue<uint>(26).ToString(CultureInfo.InvariantCulture),
            AvailabilityName(warehouse is not null, r.IsDBNull(27) ? null : r.GetInt16(27)));
        await r.NextResultAsync(ct);
        var categories = new List<CategoryRef>(3);
        while (await r.ReadAsync(ct)) categories.Add(new CategoryRef(r.GetInt32(0), r.GetString(1), r.GetString(2)));
        return d with { Category = categories };
    }

    public async Task<IReadOnlyList<CategoryTreeNode>> GetCategoryTreeAsync(CancellationToken ct)
    {
        await using var cmd = dataSources.Read.CreateCommand("""
            SELECT c.id, c.parent_id, c.name, c.slug, COALESCE(n.count, 0)::int
            FROM categories c
            LEFT JOIN (SELECT category_id, count(*) AS count FROM products WHERE is_active GROUP BY category_id) n ON n.category_id = c.id
            ORDER BY c.sort_order, c.name
            """);
        var rows = new List<(int Id, int? Parent, string Name, string Slug, int Count)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                rows.Add((r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt32(4)));
        }
        var byParent = rows.ToLookup(c => c.Parent);
        IReadOnlyList<CategoryTreeNode> Build(int? parentId) => byParent[parentId].Select(c =>
        {
            var children = Build(c.Id);
            return new CategoryTreeNode(c.Id, c.Name, c.Slug, c.Count + children.Sum(ch => ch.ProductCount), children);
        }).ToList();
        return Build(null);
    }
}
