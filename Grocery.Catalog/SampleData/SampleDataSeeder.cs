using Grocery.Catalog.Importing;
using Grocery.Catalog.Reading;
using Grocery.Persistence;

namespace Grocery.Catalog.SampleData;

/// <summary>
/// Loads the generated assortment into an empty catalog when <c>Catalog:SeedSampleData</c> is true
/// (Development). Runs after the migrations, under an advisory lock, so replicas starting together
/// seed once; a catalog that has any product is left alone.
/// </summary>
internal sealed class SampleDataSeeder(IServiceScopeFactory scopes, CatalogDataSources dataSources, IConfiguration configuration,
    ILogger<SampleDataSeeder> logger) : IDatabaseMigrator
{
    private const long LockKey = 0x43_41_54_53_45_45_44; // "CATSEED"

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Catalog:SeedSampleData", false)) return;
        var size = configuration.GetValue("Catalog:SampleDataSize", 50_000);
        var publishEvents = configuration.GetValue("Catalog:SampleDataPublishesEvents", true);

        await using var connection = await dataSources.Primary.OpenConnectionAsync(cancellationToken);
        var held = await AdvisoryLock.TakeAsync(connection, LockKey, cancellationToken);
        try
        {
            await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM products)", connection))
            {
                if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!) return;
            }
            var started = TimeProvider.System.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<ProductImporter>();
            var result = await importer.ImportAsync(CatalogGenerator.Generate(size), publishEvents, cancellationToken);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Sample data is invalid: {string.Join("; ", result.Errors.Take(5))}");
            logger.LogInformation("Seeded {Count} sample products in {Elapsed}", result.Created, TimeProvider.System.GetElapsedTime(started));
        }
        finally
        {
            await held.DisposeAsync();
        }
    }
}
