using System.Text;
using Grocery.Catalog.Reading;

namespace Grocery.Catalog.Search;

/// <summary>
/// Full-text search on PostgreSQL: words are folded (lower case, no accents) so "sua tuoi" finds
/// "Sữa tươi"; a word that starts no known name word is corrected against the name lexicon
/// (levenshtein) so "bananna" finds "banana", and a word it cannot correct matches names by trigram
/// similarity; name words weigh more than the description; an exact SKU or GTIN ranks first.
/// </summary>
public sealed class ProductSearch(CatalogDataSources dataSources)
{
    /// <summary>
    /// How many name matches are ranked with ts_rank. A common prefix ("sua:*") is in thousands of names and
    /// ts_rank costs microseconds a row, so name matches are first cut to the most popular ones.
    /// </summary>
    internal const int RankedCandidates = 200;

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        await using var connection = await dataSources.Read.OpenConnectionAsync(ct);
        var interpretation = await InterpretAsync(connection, query.Text, ct);
        var items = await FindAsync(connection, query, interpretation, nameOnly: false, ct);
        return new SearchResults(query.Text, interpretation.Interpreted, items);
    }

    /// <summary>
    /// Completions come from product names (and brands) only: a word that only a description contains makes a
    /// poor completion, and leaving descriptions out keeps the candidate set small.
    /// </summary>
    public async Task<Suggestions> SuggestAsync(SearchQuery query, CancellationToken ct)
    {
        await using var connection = await dataSources.Read.OpenConnectionAsync(ct);
        var interpretation = await InterpretAsync(connection, query.Text, ct);
        var items = await FindAsync(connection, query, interpretation, nameOnly: true, ct);
        return new Suggestions(query.Text, [.. items.Select(i => new Suggestion(i.Name, i.NameEn, i.Slug, i.Sku))]);
    }

    /// <summary>
    /// Candidates first, each from an index and capped: the most popular name matches; description-only matches
    /// when names give fewer than a page; trigram matches for words nothing in the lexicon explains (the other
    /// words must still match the name); an exact SKU/GTIN. Only the candidates are ranked.
    /// </summary>
    private static async Task<IReadOnlyList<ProductSummary>> FindAsync(
        NpgsqlConnection connection, SearchQuery query, Interpretation interpretation, bool nameOnly, CancellationToken ct)
    {
        var f = query.Filters;
        var fuzzy = interpretation.Unresolved;
        var resolved = interpretation.Terms.Where(t => !t.Unresolved).ToList();
        await using var cmd = connection.CreateCommand();
        var filters = new StringBuilder();
        if (f.Category is not null)
        {
            filters.Append(" AND p.category_id = ANY(ARRAY(SELECT id FROM cats))");
            cmd.Parameters.AddWithValue("category", f.Category);
        }
        if (f.Brands.Length > 0) { filters.Append(" AND lower(p.brand) = ANY(@brands)"); cmd.Parameters.AddWithValue("brands", f.Brands); }
        if (f.Tags.Length > 0) { filters.Append(" AND p.dietary_tags @> @tags"); cmd.Parameters.AddWithValue("tags", f.Tags); }
        if (f.MinPrice is { } min) { filters.Append(" AND p.price >= @min"); cmd.Parameters.AddWithValue("min", min); }
        if (f.MaxPrice is { } max) { filters.Append(" AND p.price <= @max"); cmd.Parameters.AddWithValue("max", max); }
        if (f.InStock)
            filters.Append(" AND EXISTS (SELECT 1 FROM product_availability a WHERE a.sku = p.sku AND a.warehouse_id = @warehouse AND a.state <> 2)");

        var sql = new StringBuilder(3000);
        sql.Append(f.Category is null ? "WITH " : """
            WITH RECURSIVE cats AS (
                SELECT id FROM categories WHERE slug = @category OR id::text = @category
                UNION ALL SELECT c.id FROM categories c JOIN cats ON c.parent_id = cats.id),

            """);
        sql.Append("""
            named AS (
                SELECT p.id FROM products p
                WHERE p.is_active AND p.search_name_vector @@ @tsq::tsquery
            """).Append(filters)
            .Append(WalkPopularity(interpretation.Terms) ? " ORDER BY p.popularity DESC" : " ORDER BY p.popularity + 0 DESC")
            .Append("""
            , p.id DESC LIMIT @candidates),
            exact AS (
                SELECT p.id FROM products p WHERE p.is_active AND (p.sku = @exact OR p.gtin = @gtin)
            """).Append(filters).Append(')');
        if (!nameOnly)
        {
            // Skipped (a one-time filter) when names fill the page: a description match ranks below a name match.
            sql.Append("""
                ,
                described AS (
                    SELECT p.id FROM products p
                    WHERE (SELECT count(*) FROM named) < @limit
                      AND p.is_active AND p.search_vector @@ @tsq::tsquery AND NOT p.search_name_vector @@ @tsq::tsquery
                """).Append(filters).Append("""

                    ORDER BY p.popularity DESC, p.id DESC LIMIT @limit)
                """);
        }
        if (fuzzy.Length > 0)
        {
            // Only the unexplained words go to trigram matching: short or common words ("1", "s") share trigrams
            // with most names and would make the trigram index return nearly every row.
            sql.Append("""
                ,
                fuzzy AS (
                    SELECT p.id FROM products p
                    WHERE p.is_active AND @fuzzy <% p.search_name
                """).Append(resolved.Count > 0 ? " AND p.search_name_vector @@ @tsq_resolved::tsquery" : "").Append(filters).Append("""

                    ORDER BY word_similarity(@fuzzy, p.search_name) DESC, p.popularity DESC, p.id DESC LIMIT @limit)
                """);
        }
        sql.Append("""

            SELECT
            """).Append(' ').Append(ProductReader.SummaryColumns).Append(", ").Append(ProductReader.AvailabilityJoin(f.Warehouse))
            .Append("""
                , (CASE WHEN p.sku = @exact OR p.gtin = @gtin THEN 100 ELSE 0 END
                   + ts_rank('{0.02, 0.05, 0.3, 1.0}', p.search_vector, @tsq::tsquery)
                """);
        if (fuzzy.Length > 0) sql.Append(" + 0.5 * word_similarity(@fuzzy, p.search_name)");
        sql.Append("""
            ) AS rank
            FROM products p
            WHERE p.id IN (SELECT id FROM named UNION ALL SELECT id FROM exact
            """);
        if (!nameOnly) sql.Append(" UNION ALL SELECT id FROM described");
        if (fuzzy.Length > 0) sql.Append(" UNION ALL SELECT id FROM fuzzy");
        sql.Append("""
            )
            ORDER BY rank DESC, p.popularity DESC, p.id LIMIT @limit
            """);

        var text = query.Text.Trim();
        cmd.Parameters.AddWithValue("exact", text.ToUpperInvariant());
        // gtin is char(13): comparing it with a text parameter casts the column and loses the unique index.
        cmd.Parameters.Add(new NpgsqlParameter("gtin", NpgsqlTypes.NpgsqlDbType.Char) { Value = text.Length <= 13 ? text : "" });
        cmd.Parameters.AddWithValue("tsq", TsQuery(interpretation.Terms));
        if (fuzzy.Length > 0)
        {
            cmd.Parameters.AddWithValue("fuzzy", fuzzy);
            if (resolved.Count > 0) cmd.Parameters.AddWithValue("tsq_resolved", TsQuery(resolved));
        }
        if (f.Warehouse is { } w) cmd.Parameters.AddWithValue("warehouse", w);
        cmd.Parameters.AddWithValue("candidates", Math.Max(RankedCandidates, f.Limit));
        cmd.Parameters.AddWithValue("limit", f.Limit);
        cmd.CommandText = sql.ToString();

        var items = new List<ProductSummary>(f.Limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) items.Add(ProductReader.ReadSummary(r, f.Warehouse is not null));
        return items;
    }

    /// <summary>
    /// Whether the most popular name matches are best found by walking the popularity index (testing each product)
    /// rather than from the name index (then sorting). Walking costs about 1.6 µs a product it passes, the bitmap
    /// about 0.9 µs a match, so walking pays only when more than ~8% of products match; the planner picks the walk
    /// well before that (it prices the tsquery test as nearly free: "sel:*", 3% of names, took 10 ms walking and
    /// 3 ms from the index). Only a lone one- or two-letter prefix ("ch:*", 30% of names) matches that many.
    /// </summary>
    private static bool WalkPopularity(IReadOnlyList<Term> terms) => terms is [{ Prefix: true, Word.Length: <= 2 }];

    /// <summary>
    /// A tsquery literal ANDing the terms, each quoted so any lexeme the parser produced is safe. No terms give the
    /// empty query, which matches nothing with @@ (only an exact SKU/GTIN can then match).
    /// </summary>
    private static string TsQuery(IReadOnlyList<Term> terms)
    {
        if (terms.Count == 0) return "";
        var sb = new StringBuilder();
        foreach (var t in terms)
        {
            if (sb.Length > 0) sb.Append(" & ");
            sb.Append('\'').Append(t.Word.Replace("\\", "\\\\").Replace("'", "''")).Append('\'');
            if (t.Prefix) sb.Append(":*");
        }
        return sb.ToString();
    }

    private sealed record Term(string Word, bool Prefix, bool Unresolved = false);

    private sealed record Interpretation(IReadOnlyList<Term> Terms, string Unresolved)
    {
        public string Interpreted => string.Join(' ', Terms.Select(t => t.Word));
    }

    /// <summary>
    /// Splits the text with PostgreSQL's own parser, so the words are exactly the lexemes the search vectors hold
    /// ("1.5L" is "1.5" and "l" there, not "1" and "5l"). Each word stays a prefix when some name word starts with
    /// it; otherwise it becomes the closest name word within its edit budget (levenshtein over the small lexicon,
    /// only for unknown words); words nothing explains are matched by trigram similarity against names.
    /// </summary>
    private static async Task<Interpretation> InterpretAsync(NpgsqlConnection connection, string text, CancellationToken ct)
    {
        // Edit budget: none for words of up to 3 letters, 2 up to 8, 3 beyond.
        await using var cmd = new NpgsqlCommand("""
            WITH w AS (
                SELECT v.lexeme AS word, v.positions[1] AS pos,
                       CASE WHEN length(v.lexeme) <= 3 THEN 0 WHEN length(v.lexeme) <= 8 THEN 2 ELSE 3 END AS max_edits
                FROM unnest(to_tsvector('simple'::regconfig, catalog_fold(@text))) AS v
                ORDER BY v.positions[1] LIMIT @max_words),
            k AS (
                SELECT w.*, EXISTS (SELECT 1 FROM search_terms t WHERE starts_with(t.term, w.word)) AS known FROM w)
            SELECT k.word, k.known,
                   CASE WHEN NOT k.known AND k.max_edits > 0 THEN
                       (SELECT t.term FROM search_terms t
                        WHERE length(t.term) BETWEEN length(k.word) - k.max_edits AND length(k.word) + k.max_edits
                          AND levenshtein_less_equal(t.term, k.word, k.max_edits) <= k.max_edits
                        ORDER BY levenshtein(t.term, k.word), similarity(t.term, k.word) DESC, t.term LIMIT 1)
                   END AS correction
            FROM k ORDER BY k.pos
            """, connection);
        cmd.Parameters.AddWithValue("text", text);
        cmd.Parameters.AddWithValue("max_words", SearchText.MaxWords);
        var terms = new List<Term>(SearchText.MaxWords);
        var unresolved = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var word = r.GetString(0);
            if (r.GetBoolean(1)) terms.Add(new Term(word, Prefix: true));
            else if (!r.IsDBNull(2)) terms.Add(new Term(r.GetString(2), Prefix: false));
            else
            {
                terms.Add(new Term(word, Prefix: true, Unresolved: true));
                unresolved.Add(word);
            }
        }
        return new Interpretation(terms, string.Join(' ', unresolved));
    }
}
