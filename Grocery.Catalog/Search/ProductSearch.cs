using System.Text;
using Grocery.Catalog.Reading;

namespace Grocery.Catalog.Search;

/// <summary>
/// Full-text search on PostgreSQL: words are folded (lower case, no accents) so "sua tuoi" finds
/// "Sữa tươi"; a word that starts no known name word is corrected against the name lexicon
/// (levenshtein, then trigram similarity) so "bananna" finds "banana"; name words weigh more than
/// the description; an exact SKU or GTIN ranks first.
/// </summary>
public sealed class ProductSearch(CatalogDataSources dataSources)
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var (items, interpreted) = await RunAsync(query, ct);
        return new SearchResults(query.Text, interpreted, items);
    }

    public async Task<Suggestions> SuggestAsync(SearchQuery query, CancellationToken ct)
    {
        var (items, _) = await RunAsync(query, ct);
        return new Suggestions(query.Text, [.. items.Select(i => new Suggestion(i.Name, i.NameEn, i.Slug, i.Sku))]);
    }

    private async Task<(IReadOnlyList<ProductSummary> Items, string Interpreted)> RunAsync(SearchQuery query, CancellationToken ct)
    {
        await using var connection = await dataSources.Read.OpenConnectionAsync(ct);
        var words = SearchText.Words(query.Text);
        var (terms, allResolved) = await InterpretAsync(connection, words, ct);
        var tsquery = string.Join(" & ", terms.Select(t => t.Prefix ? $"{t.Word}:*" : t.Word));
        var f = query.Filters;

        var sql = new StringBuilder(1200);
        await using var cmd = connection.CreateCommand();
        if (f.Category is not null)
        {
            sql.Append("""
                WITH RECURSIVE cats AS (
                    SELECT id FROM categories WHERE slug = @category OR id::text = @category
                    UNION ALL SELECT c.id FROM categories c JOIN cats ON c.parent_id = cats.id)
                """);
            cmd.Parameters.AddWithValue("category", f.Category);
        }
        sql.Append("SELECT ").Append(ProductReader.SummaryColumns).Append(", ").Append(ProductReader.AvailabilityJoin(f.Warehouse))
            .Append("""
                , (CASE WHEN p.sku = @exact OR p.gtin = @raw THEN 100 ELSE 0 END
                   + ts_rank('{0.02, 0.05, 0.3, 1.0}', p.search_vector, to_tsquery('simple', @tsq))
                """)
            // Trigram similarity per matched row is the costly part of ranking; only fuzzy fallbacks need it.
            .Append(allResolved ? "" : " + 0.5 * word_similarity(@folded, p.search_name)")
            .Append("""
                ) AS rank
                FROM products p
                WHERE p.is_active AND (p.search_vector @@ to_tsquery('simple', @tsq) OR p.sku = @exact OR p.gtin = @raw
                """);
        // Trigram matching over all names is the slow path; only words nothing explained need it.
        if (!allResolved) sql.Append(" OR @folded <% p.search_name");
        sql.Append(')');
        cmd.Parameters.AddWithValue("exact", query.Text.ToUpperInvariant());
        cmd.Parameters.AddWithValue("raw", query.Text);
        cmd.Parameters.AddWithValue("tsq", tsquery);
        cmd.Parameters.AddWithValue("folded", string.Join(' ', terms.Select(t => t.Word)));
        if (f.Warehouse is { } w) cmd.Parameters.AddWithValue("warehouse", w);
        if (f.Category is not null) sql.Append(" AND p.category_id = ANY(ARRAY(SELECT id FROM cats))");
        if (f.Brands.Length > 0) { sql.Append(" AND lower(p.brand) = ANY(@brands)"); cmd.Parameters.AddWithValue("brands", f.Brands); }
        if (f.Tags.Length > 0) { sql.Append(" AND p.dietary_tags @> @tags"); cmd.Parameters.AddWithValue("tags", f.Tags); }
        if (f.MinPrice is { } min) { sql.Append(" AND p.price >= @min"); cmd.Parameters.AddWithValue("min", min); }
        if (f.MaxPrice is { } max) { sql.Append(" AND p.price <= @max"); cmd.Parameters.AddWithValue("max", max); }
        if (f.InStock)
            sql.Append(" AND EXISTS (SELECT 1 FROM product_availability a WHERE a.sku = p.sku AND a.warehouse_id = @warehouse AND a.state <> 2)");
        sql.Append(" ORDER BY rank DESC, p.popularity DESC, p.id LIMIT @limit");
        cmd.Parameters.AddWithValue("limit", f.Limit);
        cmd.CommandText = sql.ToString();

        var items = new List<ProductSummary>(f.Limit);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct)) items.Add(ProductReader.ReadSummary(r, f.Warehouse is not null));
        }
        return (items, string.Join(' ', terms.Select(t => t.Word)));
    }

    private sealed record Term(string Word, bool Prefix);

    /// <summary>Each word stays a prefix when some name word starts with it; otherwise it becomes the closest name word.</summary>
    private static async Task<(List<Term> Terms, bool AllResolved)> InterpretAsync(NpgsqlConnection connection, IReadOnlyList<string> words, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT w.word,
                   EXISTS (SELECT 1 FROM search_terms t WHERE t.term LIKE w.word || '%') AS known,
                   (SELECT t.term FROM search_terms t
                    WHERE w.max_edits > 0 AND levenshtein_less_equal(t.term, w.word, w.max_edits) <= w.max_edits
                    ORDER BY levenshtein(t.term, w.word), similarity(t.term, w.word) DESC, t.term LIMIT 1) AS correction
            FROM unnest(@words, @edits) WITH ORDINALITY AS w(word, max_edits, ord)
            ORDER BY w.ord
            """, connection);
        cmd.Parameters.AddWithValue("words", words.ToArray());
        cmd.Parameters.AddWithValue("edits", words.Select(SearchText.MaxEdits).ToArray());
        var terms = new List<Term>(words.Count);
        var allResolved = true;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var word = r.GetString(0);
            if (r.GetBoolean(1)) terms.Add(new Term(word, Prefix: true));
            else if (!r.IsDBNull(2)) terms.Add(new Term(r.GetString(2), Prefix: false));
            else
            {
                terms.Add(new Term(word, Prefix: true));
                allResolved = false;
            }
        }
        return (terms, allResolved);
    }
}
