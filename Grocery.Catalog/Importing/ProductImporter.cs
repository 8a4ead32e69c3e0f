using Grocery.Catalog.Caching;
using Grocery.Catalog.Domain;
using Grocery.Catalog.Reading;
using Grocery.Contracts;
using Grocery.Contracts.Catalog;
using Grocery.Messaging.Outbox;

namespace Grocery.Catalog.Importing;

/// <summary>
/// Validates every row, then upserts all of them in one transaction: binary COPY into a temporary
/// table, one INSERT ... ON CONFLICT, events through the outbox, cache invalidation on commit.
/// Any invalid row means nothing is written.
/// </summary>
public sealed class ProductImporter(CatalogDataSources dataSources, IServiceProvider services, TimeProvider clock, ILogger<ProductImporter> logger)
{
    public async Task<ImportResult> ImportAsync(TextReader csv, bool publishEvents, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var rows = new List<(int Line, ProductDraft Draft)>();
        Dictionary<string, int>? index = null;
        var skus = new Dictionary<string, int>(StringComparer.Ordinal);
        var gtins = new Dictionary<string, int>(StringComparer.Ordinal);
        var slugs = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var (line, fields) in CsvRecordReader.ReadAsync(csv).WithCancellation(ct))
        {
            if (index is null)
            {
                if (ProductCsv.CheckHeader(fields, out index) is { } headerError)
                    return new ImportResult(0, 0, 0, 0, [new ImportError(line, "*", headerError)]);
                continue;
            }
            var draft = ProductCsv.ParseRow(line, fields, index, errors);
            if (draft is null) continue;
            var repeatedSku = skus.TryGetValue(draft.Sku, out var firstSku);
            if (repeatedSku) errors.Add(new ImportError(line, "sku", $"SKU {draft.Sku} already appears on line {firstSku}."));
            else skus[draft.Sku] = line;
            if (gtins.TryGetValue(draft.Gtin, out var firstGtin)) errors.Add(new ImportError(line, "gtin", $"GTIN {draft.Gtin} already appears on line {firstGtin}."));
            else gtins[draft.Gtin] = line;
            // The slug joins the name and the SKU, so "Gạo x" with SKU 1 and "Gạo" with SKU X-1 meet at the same address
            // (a repeated SKU is reported as such).
            var slug = ProductRules.ProductSlug(draft.Name, draft.Sku);
            if (!repeatedSku && slugs.TryGetValue(slug, out var firstSlug))
                errors.Add(new ImportError(line, "name", $"Gives the same product address ({slug}) as line {firstSlug}."));
            else slugs.TryAdd(slug, line);
            rows.Add((line, draft));
        }
        if (index is null) return new ImportResult(0, 0, 0, 0, [new ImportError(1, "*", "The file is empty.")]);
        if (errors.Count > 0) return new ImportResult(rows.Count, 0, 0, 0, errors);
        if (rows.Count == 0) return new ImportResult(0, 0, 0, 0, []);
        return await UpsertAsync(rows, publishEvents, ct);
    }

    /// <summary>Imports drafts that did not come from a file (the sample data); lines are their positions.</summary>
    public async Task<ImportResult> ImportAsync(IEnumerable<ProductDraft> drafts, bool publishEvents, CancellationToken ct)
    {
        var rows = new List<(int Line, ProductDraft Draft)>();
        var errors = new List<ImportError>();
        foreach (var draft in drafts)
        {
            var line = rows.Count + 1;
            foreach (var (field, messages) in draft.Validate())
                errors.AddRange(messages.Select(m => new ImportError(line, field, m)));
            rows.Add((line, draft));
        }
        if (errors.Count > 0) return new ImportResult(rows.Count, 0, 0, 0, errors);
        return rows.Count == 0 ? new ImportResult(0, 0, 0, 0, []) : await UpsertAsync(rows, publishEvents, ct);
    }

    private async Task<ImportResult> UpsertAsync(List<(int Line, ProductDraft Draft)> rows, bool publishEvents, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSources.Primary.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var categories = await CategoryResolver.ResolveAsync(connection, tx,
            rows.Select(r => r.Draft.CategoryPathParts()).DistinctBy(p => string.Join(" > ", p)), ct);

        await using (var create = new NpgsqlCommand(StagingTable, connection, tx))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_products FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (line, d) in rows)
            {
                var (unitPrice, per) = ProductRules.UnitPrice(d.SoldBy, d.Unit, d.NetContent, d.Price);
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(line, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(Guid.CreateVersion7(now), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(d.Sku, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Gtin, NpgsqlDbType.Char, ct);
                await copy.WriteAsync(d.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.NameEn ?? "", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Description ?? "", NpgsqlDbType.Varchar, ct);
                if (d.DescriptionEn is { } descriptionEn) await copy.WriteAsync(descriptionEn, NpgsqlDbType.Varchar, ct);
                else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(ProductRules.ProductSlug(d.Name, d.Sku), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Brand, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(categories[string.Join(" > ", d.CategoryPathParts())], NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(d.SoldBy.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Unit, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.NetContent, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(d.Price, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(d.TaxClass, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(unitPrice, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(per, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.DietaryTags ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await copy.WriteAsync(d.Allergens ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await copy.WriteAsync(d.CountryOfOrigin ?? "VN", NpgsqlDbType.Char, ct);
                await copy.WriteAsync(d.Storage.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.Perishable, NpgsqlDbType.Boolean, ct);
                if (d.ShelfLifeDays is { } days) await copy.WriteAsync(days, NpgsqlDbType.Integer, ct);
                else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(d.Images ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await copy.WriteAsync(d.IsActive, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(d.Popularity, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }

        var conflicts = new List<ImportError>();
        await using (var check = new NpgsqlCommand("""
            SELECT t.line, p.sku, 'gtin' FROM import_products t JOIN products p ON p.gtin = t.gtin AND p.sku <> t.sku
            UNION ALL
            SELECT t.line, p.sku, 'name' FROM import_products t JOIN products p ON p.slug = t.slug AND p.sku <> t.sku
            ORDER BY 1
            """, connection, tx))
        await using (var r = await check.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                conflicts.Add(r.GetString(2) == "gtin"
                    ? new ImportError(r.GetInt32(0), "gtin", $"GTIN already belongs to SKU {r.GetString(1)}.")
                    : new ImportError(r.GetInt32(0), "name", $"Gives the same product address as SKU {r.GetString(1)}."));
        }
        if (conflicts.Count > 0)
        {
            await tx.RollbackAsync(ct);
            return new ImportResult(rows.Count, 0, 0, 0, conflicts);
        }

        var old = new Dictionary<string, (decimal Price, bool Active, string Name, int Category, int Tax, string SoldBy, string Unit, string Slug)>(StringComparer.Ordinal);
        await using (var lockOld = new NpgsqlCommand("""
            SELECT p.sku, p.price, p.is_active, p.name, p.category_id, p.tax_class, p.sold_by, p.unit, p.slug
            FROM products p JOIN import_products t ON t.sku = p.sku ORDER BY p.sku FOR UPDATE OF p
            """, connection, tx))
        await using (var r = await lockOld.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                old[r.GetString(0)] = (r.GetDecimal(1), r.GetBoolean(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetString(6), r.GetString(7), r.GetString(8));
        }

        // A file without the description_en column leaves the English descriptions the products have.
        await using (var keepEnglish = new NpgsqlCommand("""
            UPDATE import_products t SET description_en = p.description_en FROM products p WHERE p.sku = t.sku AND t.description_en IS NULL
            """, connection, tx))
        {
            await keepEnglish.ExecuteNonQueryAsync(ct);
        }

        var changed = new List<(Guid Id, string Sku, bool Inserted, string Name, int Category, decimal Price, int Tax, string SoldBy, string Unit, bool Active, string Slug)>();
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO products AS p (id, sku, gtin, name, name_en, description, description_en, slug, brand, category_id, sold_by, unit,
                net_content, price, tax_class, unit_price, unit_price_unit, dietary_tags, allergens, country_of_origin,
                storage, perishable, shelf_life_days, images, is_active, popularity, created_at, updated_at)
            SELECT id, sku, gtin, name, name_en, description, COALESCE(description_en, ''), slug, brand, category_id, sold_by, unit,
                net_content, price, tax_class, unit_price, unit_price_unit, dietary_tags, allergens, country_of_origin,
                storage, perishable, shelf_life_days, images, is_active, popularity, @now, @now
            FROM import_products ORDER BY line
            ON CONFLICT (sku) DO UPDATE SET
                gtin = EXCLUDED.gtin, name = EXCLUDED.name, name_en = EXCLUDED.name_en, description = EXCLUDED.description,
                description_en = EXCLUDED.description_en,
                slug = EXCLUDED.slug, brand = EXCLUDED.brand, category_id = EXCLUDED.category_id, sold_by = EXCLUDED.sold_by,
                unit = EXCLUDED.unit, net_content = EXCLUDED.net_content, price = EXCLUDED.price, tax_class = EXCLUDED.tax_class,
                unit_price = EXCLUDED.unit_price, unit_price_unit = EXCLUDED.unit_price_unit, dietary_tags = EXCLUDED.dietary_tags,
                allergens = EXCLUDED.allergens, country_of_origin = EXCLUDED.country_of_origin, storage = EXCLUDED.storage,
                perishable = EXCLUDED.perishable, shelf_life_days = EXCLUDED.shelf_life_days, images = EXCLUDED.images,
                is_active = EXCLUDED.is_active, popularity = EXCLUDED.popularity, updated_at = @now
            WHERE (p.gtin, p.name, p.name_en, p.description, p.description_en, p.brand, p.category_id, p.sold_by, p.unit, p.net_content, p.price,
                   p.tax_class, p.dietary_tags, p.allergens, p.country_of_origin, p.storage, p.perishable, p.shelf_life_days,
                   p.images, p.is_active, p.popularity)
              IS DISTINCT FROM (EXCLUDED.gtin, EXCLUDED.name, EXCLUDED.name_en, EXCLUDED.description, EXCLUDED.description_en, EXCLUDED.brand,
                   EXCLUDED.category_id, EXCLUDED.sold_by, EXCLUDED.unit, EXCLUDED.net_content, EXCLUDED.price,
                   EXCLUDED.tax_class, EXCLUDED.dietary_tags, EXCLUDED.allergens, EXCLUDED.country_of_origin,
                   EXCLUDED.storage, EXCLUDED.perishable, EXCLUDED.shelf_life_days, EXCLUDED.images, EXCLUDED.is_active,
                   EXCLUDED.popularity)
            RETURNING p.id, p.sku, (p.xmax = 0) AS inserted, p.name, p.category_id, p.price, p.tax_class, p.sold_by, p.unit, p.is_active, p.slug
            """, connection, tx))
        {
            upsert.Parameters.AddWithValue("now", now);
            upsert.CommandTimeout = 600;
            await using var r = await upsert.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                changed.Add((r.GetGuid(0), r.GetString(1), r.GetBoolean(2), r.GetString(3), r.GetInt32(4), r.GetDecimal(5),
                    r.GetInt32(6), r.GetString(7), r.GetString(8), r.GetBoolean(9), r.GetString(10)));
        }

        await using (var terms = new NpgsqlCommand(CatalogSearchSchema.RefreshTerms, connection, tx))
        {
            terms.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid,
                changed.Count > 1000 ? DBNull.Value : changed.Select(c => c.Id).ToArray());
            await terms.ExecuteNonQueryAsync(ct);
        }

        var outbox = publishEvents ? services.GetService<IIntegrationEventOutbox>() : null;
        if (outbox is not null)
        {
            foreach (var c in changed)
            {
                foreach (var e in EventsFor(c, old.TryGetValue(c.Sku, out var o) ? o : null, now))
                    await outbox.AddAsync(e, tx, ct);
            }
        }

        var created = changed.Count(c => c.Inserted);
        if (changed.Count > 0)
        {
            // New slugs may have been cached as missing; renamed products leave their old slug behind.
            IEnumerable<string> tags = changed.Count > 500
                ? [CacheTags.All]
                : [CacheTags.Listings, .. changed.Select(c => CacheTags.Slug(c.Slug)),
                   .. changed.Where(c => old.ContainsKey(c.Sku)).Select(c => CacheTags.Slug(old[c.Sku].Slug)).Distinct()];
            await CacheInvalidation.NotifyAsync(connection, tx, tags, ct);
        }
        await tx.CommitAsync(ct);
        logger.LogInformation("Imported {Rows} rows: {Created} created, {Updated} updated", rows.Count, created, changed.Count - created);
        return new ImportResult(rows.Count, created, changed.Count - created, rows.Count - changed.Count, []);
    }

    /// <summary>Shaped like the products table, from the same limits.</summary>
    private static readonly string StagingTable = $"""
        CREATE TEMP TABLE import_products (
            line int, id uuid, sku varchar({CatalogLimits.SkuMaxLength}), gtin char({CatalogLimits.GtinLength}),
            name varchar({CatalogLimits.NameMaxLength}), name_en varchar({CatalogLimits.NameMaxLength}),
            description varchar({CatalogLimits.DescriptionMaxLength}), description_en varchar({CatalogLimits.DescriptionMaxLength}),
            slug varchar({CatalogLimits.SlugMaxLength}), brand varchar({CatalogLimits.BrandMaxLength}), category_id int,
            sold_by varchar({CatalogLimits.EnumNameMaxLength}), unit varchar({CatalogLimits.UnitMaxLength}),
            net_content numeric({CatalogLimits.NetContentPrecision},{CatalogLimits.NetContentScale}), price numeric({CatalogLimits.MoneyPrecision},0),
            tax_class int, unit_price numeric({CatalogLimits.MoneyPrecision},0), unit_price_unit varchar({CatalogLimits.UnitMaxLength}),
            dietary_tags text[], allergens text[], country_of_origin char({CatalogLimits.CountryCodeLength}),
            storage varchar({CatalogLimits.EnumNameMaxLength}), perishable boolean, shelf_life_days int, images text[], is_active boolean, popularity int
        ) ON COMMIT DROP
        """;

    private static IEnumerable<IIntegrationEvent> EventsFor(
        (Guid Id, string Sku, bool Inserted, string Name, int Category, decimal Price, int Tax, string SoldBy, string Unit, bool Active, string Slug) c,
        (decimal Price, bool Active, string Name, int Category, int Tax, string SoldBy, string Unit, string Slug)? old, DateTimeOffset now)
    {
        var weighed = c.SoldBy == nameof(SoldBy.Weight);
        if (c.Inserted || old is null)
        {
            yield return new ProductCreatedIntegrationEvent(c.Id, c.Sku, c.Name, Category.ToEventId(c.Category), c.Price, c.Tax, weighed, c.Unit, now);
            if (!c.Active) yield return new ProductDeactivatedIntegrationEvent(c.Id, c.Sku, now);
            yield break;
        }
        var o = old.Value;
        if (o.Name != c.Name || o.Category != c.Category || o.Tax != c.Tax || o.SoldBy != c.SoldBy || o.Unit != c.Unit || o.Price == c.Price)
            yield return new ProductChangedIntegrationEvent(c.Id, c.Sku, c.Name, Category.ToEventId(c.Category), c.Tax, weighed, c.Unit, now);
        if (o.Price != c.Price) yield return new ProductPriceChangedIntegrationEvent(c.Id, c.Sku, o.Price, c.Price, now);
        if (o.Active && !c.Active) yield return new ProductDeactivatedIntegrationEvent(c.Id, c.Sku, now);
    }
}
