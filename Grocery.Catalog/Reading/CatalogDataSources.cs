namespace Grocery.Catalog.Reading;

/// <summary>
/// Raw Npgsql access for the hot read path. Reads go to <c>catalogdb-replica</c> when configured;
/// writes and anything read-your-writes go to the primary. LISTEN needs a session, which a pooler in
/// transaction mode (the cluster's PgBouncer) does not keep, so it uses <c>catalogdb-direct</c> when configured.
/// </summary>
public sealed class CatalogDataSources(NpgsqlDataSource primary, NpgsqlDataSource read, NpgsqlDataSource session) : IAsyncDisposable
{
    public const string ReplicaConnectionName = "catalogdb-replica";
    public const string DirectConnectionName = "catalogdb-direct";

    public NpgsqlDataSource Primary { get; } = primary;
    public NpgsqlDataSource Read { get; } = read;
    public NpgsqlDataSource Session { get; } = session;

    public static CatalogDataSources Create(IConfiguration configuration)
    {
        var primaryCs = configuration.GetConnectionString(ResourceNames.CatalogDb)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.CatalogDb} is missing.");
        var primary = new NpgsqlDataSourceBuilder(primaryCs) { Name = "catalog-primary" }.Build();
        var replicaCs = configuration.GetConnectionString(ReplicaConnectionName);
        var read = string.IsNullOrEmpty(replicaCs) ? primary : new NpgsqlDataSourceBuilder(replicaCs) { Name = "catalog-replica" }.Build();
        var directCs = configuration.GetConnectionString(DirectConnectionName);
        var session = string.IsNullOrEmpty(directCs) ? primary : new NpgsqlDataSourceBuilder(directCs) { Name = "catalog-session" }.Build();
        return new CatalogDataSources(primary, read, session);
    }

    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(Read, Primary)) await Read.DisposeAsync();
        if (!ReferenceEquals(Session, Primary)) await Session.DisposeAsync();
        await Primary.DisposeAsync();
    }
}
