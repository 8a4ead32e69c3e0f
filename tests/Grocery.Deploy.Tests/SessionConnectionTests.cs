using Grocery.AppHost.Publishing;
using Npgsql;

namespace Grocery.Deploy.Tests;

/// <summary>
/// In the cluster a service's database connection goes through PgBouncer in transaction mode, which
/// would hand a session's advisory lock and LISTEN to whichever client runs next. The outbox relay must
/// therefore lead on the connection string the bundle gives it for that
/// (<see cref="KubernetesObjects.DirectConnectionVariable"/>): here both strings reach the same
/// PostgreSQL under different application names, and PostgreSQL tells which one holds the lock.
/// </summary>
public sealed class SessionConnectionTests
{
    [Fact]
    public async Task The_outbox_relay_holds_its_leader_lock_and_listens_on_the_direct_connection_and_nothing_else_does()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await PostgresServer.StartAsync(ct);
        using var kafka = KafkaMockCluster.Start();
        await using var identity = await TestIdentityServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync(ResourceNames.InventoryDb, ct);
        var environment = new Dictionary<string, string?>
        {
            [$"ConnectionStrings__{ResourceNames.Kafka}"] = kafka.BootstrapServers,
            [KubernetesObjects.DirectConnectionVariable(ResourceNames.InventoryDb)] = database + ";Application Name=grocery-direct",
        };
        foreach (var (key, value) in identity.ServiceConfiguration) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        await using var inventory = MetricNamesTests.Start("Grocery.Inventory", ResourceNames.Inventory, ResourceNames.InventoryDb,
            database + ";Application Name=grocery-pooled", environment);
        await MetricNamesTests.UntilAsync(async () => (await MetricNamesTests.TryGetAsync(inventory.Http, "/health"))?.IsSuccessStatusCode == true,
            "Inventory became healthy", inventory.Process);

        await using var connection = new NpgsqlConnection(postgres.ConnectionString(ResourceNames.InventoryDb));
        await connection.OpenAsync(ct);
        List<(string Application, string Query)> lockHolders = [];
        await MetricNamesTests.UntilAsync(async () =>
        {
            lockHolders = await SessionsAsync(connection, """
                SELECT a.application_name, a.query FROM pg_stat_activity a
                JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted
                WHERE a.datname = @db
                """);
            return lockHolders.Any(h => h.Query.StartsWith("LISTEN", StringComparison.Ordinal));
        }, "the relay took its leader lock and listened", inventory.Process,
            onTimeout: () => "advisory lock holders: " + string.Join(", ", lockHolders.Select(h => $"{h.Application}: {h.Query}")));

        var (application, query) = Assert.Single(lockHolders);
        Assert.Equal("grocery-direct", application);
        Assert.StartsWith("LISTEN", query, StringComparison.Ordinal);
        var listeners = await SessionsAsync(connection, "SELECT application_name, query FROM pg_stat_activity WHERE datname = @db AND query LIKE 'LISTEN%'");
        Assert.All(listeners, l => Assert.Equal("grocery-direct", l.Application));
    }

    private static async Task<List<(string Application, string Query)>> SessionsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("db", ResourceNames.InventoryDb);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }
}
