namespace Grocery.Catalog.Data;

/// <summary>The search and keyset schema EF Core cannot express: extensions, generated columns, GIN and sort indexes.</summary>
internal static class CatalogSearchSchema
{
    public const string Extensions = """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
        -- unaccent() is only STABLE (it reads a dictionary), so indexes and generated columns need an
        -- IMMUTABLE wrapper naming the dictionary explicitly.
        CREATE OR REPLACE FUNCTION catalog_fold(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
        """;

    public const string SearchColumns = """
        ALTER TABLE products ADD COLUMN search_name text
            GENERATED ALWAYS AS (catalog_fold(name || ' ' || name_en || ' ' || brand)) STORED;
        ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, catalog_fold(name || ' ' || name_en)), 'A') ||
            setweight(to_tsvector('simple'::regconfig, catalog_fold(brand)), 'B') ||
            setweight(to_tsvector('simple'::regconfig, catalog_fold(description)), 'D')) STORED;
        CREATE INDEX ix_products_search_vector ON products USING gin (search_vector);
        CREATE INDEX ix_products_search_name_trgm ON products USING gin (search_name gin_trgm_ops);
        CREATE INDEX ix_products_category_popularity ON products (category_id, popularity DESC, id DESC) WHERE is_active;
        CREATE INDEX ix_products_category_price ON products (category_id, price, id) WHERE is_active;
        CREATE INDEX ix_products_category_unit_price ON products (category_id, unit_price, id) WHERE is_active;
        CREATE INDEX ix_products_category_name ON products (category_id, name, id) WHERE is_active;
        CREATE INDEX ix_products_category_created ON products (category_id, created_at DESC, id DESC) WHERE is_active;
        CREATE INDEX ix_products_popularity ON products (popularity DESC, id DESC) WHERE is_active;
        CREATE INDEX ix_products_brand ON products (brand) WHERE is_active;
        CREATE INDEX ix_products_dietary_tags ON products USING gin (dietary_tags);
        -- Distinct folded words of product names: typo correction searches this small lexicon
        -- (levenshtein + trigram similarity), then the corrected words go to the full-text query.
        CREATE TABLE search_terms (term text PRIMARY KEY);
        CREATE INDEX ix_search_terms_trgm ON search_terms USING gin (term gin_trgm_ops);
        """;

    /// <summary>
    /// Name, English name and brand words without the description: a prefix such as "mat:*" is in 1,000 names
    /// but 47,000 descriptions, and weights in search_vector cannot narrow a GIN scan, so searches find name
    /// matches here and reach description-only matches only when names give too few.
    /// </summary>
    public const string NameVector = """
        ALTER TABLE products ADD COLUMN search_name_vector tsvector GENERATED ALWAYS AS (
            to_tsvector('simple'::regconfig, catalog_fold(name || ' ' || name_en || ' ' || brand))) STORED;
        CREATE INDEX ix_products_search_name_vector ON products USING gin (search_name_vector);
        """;

    public const string DropNameVector = """
        DROP INDEX IF EXISTS ix_products_search_name_vector;
        ALTER TABLE products DROP COLUMN IF EXISTS search_name_vector;
        """;

    /// <summary>
    /// The English description joins the Vietnamese one at the description weight, so a word found only
    /// in either still finds the product, below every name match.
    /// </summary>
    public static readonly string VectorWithEnglishDescription =
        ReplaceSearchVector("description || ' ' || coalesce(description_en, '')");

    /// <summary>A generated column cannot be altered: it is dropped with its index and added again.</summary>
    private static string ReplaceSearchVector(string describedBy) => $"""
        DROP INDEX IF EXISTS ix_products_search_vector;
        ALTER TABLE products DROP COLUMN search_vector;
        ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, catalog_fold(name || ' ' || name_en)), 'A') ||
            setweight(to_tsvector('simple'::regconfig, catalog_fold(brand)), 'B') ||
            setweight(to_tsvector('simple'::regconfig, catalog_fold({describedBy})), 'D')) STORED;
        CREATE INDEX ix_products_search_vector ON products USING gin (search_vector);
        """;

    /// <summary>Adds the name words of the given products (all when null) to the lexicon.</summary>
    public const string RefreshTerms = """
        INSERT INTO search_terms (term)
        SELECT DISTINCT w FROM products p,
            unnest(tsvector_to_array(to_tsvector('simple'::regconfig, catalog_fold(p.name || ' ' || p.name_en || ' ' || p.brand)))) AS w
        WHERE (@ids::uuid[] IS NULL OR p.id = ANY(@ids)) AND length(w) > 1
        ON CONFLICT DO NOTHING
        """;
}
