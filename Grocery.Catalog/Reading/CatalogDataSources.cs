namespace Grocery.Catalog.Reading;

/// <summary>
/// Raw Npgsql access for the hot read path. Reads go to <c>catalogdb-replica</c> when configured;
/// writes, LISTEN and anything read-your-writes go to the primary.
/// </summary>
public sealed class CatalogDataSources(NpgsqlDataSource primary, NpgsqlDataSource read) : IAsyncDisposable
{
    public const string ReplicaConnectionName = "catalogdb-replica";

    public NpgsqlDataSource Primary { get; } = primary;
    public NpgsqlDataSource Read { get; } = read;

    public static CatalogDataSources Create(IConfiguration configuration)
    {
        var primaryCs = configuration.GetConnectionString(ResourceNames.CatalogDb)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.CatalogDb} is missing.");
        var primary = new NpgsqlDataSourceBuilder(primaryCs) { Name = "catalog-primary" }.Build();
        var replicaCs = configuration.GetConnectionString(ReplicaConnectionName);
        var read = string.IsNullOrEmpty(replicaCs) ? primary : new NpgsqlDataSourceBuilder(replicaCs) { Name = "catalog-replica" }.Build();
        return new CatalogDataSources(primary, read);
    }

    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(Read, Primary)) await Read.DisposeAsync();
        await Primary.DisposeAsync();
    }
}
