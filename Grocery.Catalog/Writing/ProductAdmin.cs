using Grocery.Catalog.Caching;
using Grocery.Catalog.Domain;
using Grocery.Contracts;
using Grocery.Contracts.Catalog;
using Grocery.Messaging.Outbox;

namespace Grocery.Catalog.Writing;

/// <summary>
/// Store-manager writes. Each runs in one transaction with its integration event (outbox) and the
/// cache invalidation (NOTIFY); a write naming an old version (xmin) is refused as stale.
/// </summary>
public sealed class ProductAdmin(CatalogDbContext db, IServiceProvider services, TimeProvider clock)
{
    private IIntegrationEventOutbox? Outbox => services.GetService<IIntegrationEventOutbox>();

    public async Task<WriteOutcome> CreateAsync(ProductDraft draft, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!await db.Categories.AnyAsync(c => c.Id == draft.CategoryId, ct))
            return new WriteOutcome(WriteStatus.Invalid, Errors: new() { ["categoryId"] = ["No such category."] });
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Products.AsNoTracking().Where(p => p.Sku == draft.Sku || p.Gtin == draft.Gtin).ToListAsync(ct);
        // Idempotent by natural key: a retried create (same SKU, GTIN, name, price, category) answers as the first did.
        if (existing is [var same] && same.Sku == draft.Sku && same.Gtin == draft.Gtin && same.Name == draft.Name
            && same.Price == draft.Price && same.CategoryId == draft.CategoryId)
            return new WriteOutcome(WriteStatus.Done, same.Id);
        if (existing.Count > 0) return new WriteOutcome(WriteStatus.Conflict);
        var product = new Product
        {
            Id = Guid.CreateVersion7(now), Sku = draft.Sku, Gtin = draft.Gtin, Name = draft.Name,
            Slug = ProductRules.ProductSlug(draft.Name, draft.Sku), Brand = draft.Brand, CreatedAt = now, Unit = draft.Unit,
        };
        Apply(product, draft, now);
        db.Products.Add(product);
        Publish(new ProductCreatedIntegrationEvent(product.Id, product.Sku, product.Name, Category.ToEventId(product.CategoryId),
            product.Price, product.TaxClass, product.SoldBy == SoldBy.Weight, product.Unit, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new WriteOutcome(WriteStatus.Conflict);
        }
        await AfterWriteAsync(product.Id, [product.Slug], ct);
        await tx.CommitAsync(ct);
        return new WriteOutcome(WriteStatus.Done, product.Id);
    }

    public Task<WriteOutcome> UpdateAsync(Guid id, uint expectedVersion, ProductDraft draft, CancellationToken ct) =>
        WriteAsync(id, expectedVersion, alreadyApplied: null, async (product, now) =>
        {
            if (!await db.Categories.AnyAsync(c => c.Id == draft.CategoryId, ct))
                return new Dictionary<string, string[]> { ["categoryId"] = ["No such category."] };
            if (draft.Sku != product.Sku) return new Dictionary<string, string[]> { ["sku"] = ["The SKU of a product cannot change."] };
            var oldPrice = product.Price;
            var wasActive = product.IsActive;
            Apply(product, draft, now);
            Publish(new ProductChangedIntegrationEvent(product.Id, product.Sku, product.Name, Category.ToEventId(product.CategoryId),
                product.TaxClass, product.SoldBy == SoldBy.Weight, product.Unit, now));
            if (oldPrice != product.Price) Publish(new ProductPriceChangedIntegrationEvent(product.Id, product.Sku, oldPrice, product.Price, now));
            if (wasActive && !product.IsActive) Publish(new ProductDeactivatedIntegrationEvent(product.Id, product.Sku, now));
            return null;
        }, ct);

    public Task<WriteOutcome> ChangePriceAsync(Guid id, uint expectedVersion, decimal price, CancellationToken ct) =>
        WriteAsync(id, expectedVersion, p => p.Price == price, (product, now) =>
        {
            if (product.Price == price) return Task.FromResult<Dictionary<string, string[]>?>(null);
            if (!ProductRules.UnitPriceFits(product.SoldBy, product.Unit, product.NetContent, price))
                return Task.FromResult<Dictionary<string, string[]>?>(new()
                {
                    ["price"] = ["The price per kg, litre or piece this price gives for the product's net content is too large."],
                });
            var oldPrice = product.Price;
            product.ChangePrice(price, now);
            Publish(new ProductPriceChangedIntegrationEvent(product.Id, product.Sku, oldPrice, price, now));
            return Task.FromResult<Dictionary<string, string[]>?>(null);
        }, ct);

    public Task<WriteOutcome> DeactivateAsync(Guid id, uint expectedVersion, CancellationToken ct) =>
        WriteAsync(id, expectedVersion, p => !p.IsActive, (product, now) =>
        {
            if (!product.IsActive) return Task.FromResult<Dictionary<string, string[]>?>(null);
            product.IsActive = false;
            product.UpdatedAt = now;
            Publish(new ProductDeactivatedIntegrationEvent(product.Id, product.Sku, now));
            return Task.FromResult<Dictionary<string, string[]>?>(null);
        }, ct);

    /// <param name="alreadyApplied">
    /// When the product already is as the write asks (a retry whose first answer was lost), the write
    /// succeeds whatever version it names: price changes and deactivation are idempotent.
    /// </param>
    private async Task<WriteOutcome> WriteAsync(Guid id, uint expectedVersion, Func<Product, bool>? alreadyApplied,
        Func<Product, DateTimeOffset, Task<Dictionary<string, string[]>?>> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return new WriteOutcome(WriteStatus.NotFound);
        if (alreadyApplied?.Invoke(product) == true) return new WriteOutcome(WriteStatus.Done, id);
        if (product.Version != expectedVersion) return new WriteOutcome(WriteStatus.Stale, id);
        var oldSlug = product.Slug;
        if (await change(product, clock.GetUtcNow()) is { } errors) return new WriteOutcome(WriteStatus.Invalid, id, errors);
        if (!db.ChangeTracker.HasChanges()) return new WriteOutcome(WriteStatus.Done, id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new WriteOutcome(WriteStatus.Stale, id);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new WriteOutcome(WriteStatus.Conflict, id);
        }
        await AfterWriteAsync(id, [oldSlug, product.Slug], ct);
        await tx.CommitAsync(ct);
        return new WriteOutcome(WriteStatus.Done, id);
    }

    private async Task AfterWriteAsync(Guid id, string[] slugs, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(CatalogSearchSchema.RefreshTerms.Replace("@ids::uuid[]", "{0}::uuid[]").Replace("ANY(@ids)", "ANY({0})"),
            [new[] { id }], ct);
        await CacheInvalidation.NotifyAsync(db, [CacheTags.Listings, .. slugs.Distinct().Select(CacheTags.Slug)], ct);
    }

    private void Publish(IIntegrationEvent e) => Outbox?.Add(e);

    private static void Apply(Product p, ProductDraft d, DateTimeOffset now)
    {
        p.Gtin = d.Gtin;
        p.Name = d.Name;
        p.NameEn = d.NameEn ?? "";
        p.Description = d.Description ?? "";
        p.DescriptionEn = d.DescriptionEn ?? "";
        p.Slug = ProductRules.ProductSlug(d.Name, p.Sku);
        p.Brand = d.Brand;
        p.CategoryId = d.CategoryId!.Value;
        p.SoldBy = d.SoldBy;
        p.Unit = d.Unit;
        p.NetContent = d.NetContent;
        p.Price = d.Price;
        p.TaxClass = d.TaxClass;
        p.DietaryTags = d.DietaryTags ?? [];
        p.Allergens = d.Allergens ?? [];
        p.CountryOfOrigin = d.CountryOfOrigin ?? "VN";
        p.Storage = d.Storage;
        p.Perishable = d.Perishable;
        p.ShelfLifeDays = d.ShelfLifeDays;
        p.Images = d.Images ?? [];
        p.IsActive = d.IsActive;
        p.UpdatedAt = now;
        p.RecomputeUnitPrice();
    }
}
