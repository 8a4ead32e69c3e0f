using Grocery.Persistence;
using Grocery.Testing;
using Npgsql;

namespace Grocery.Architecture.Tests;

/// <summary>
/// A write PostgreSQL refuses must leave the pooled connection usable. With Npgsql's auto-prepare on, the refused
/// execution that prepared an INSERT … RETURNING left the connection out of step, and the next checkout on it
/// failed with "Received unexpected backend message DataRow" (seen as 500s in clean-clone runs).
/// </summary>
public sealed class RefusedWriteConnectionTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private PostgresServer _postgres = null!;

    public async ValueTask InitializeAsync() => _postgres = await PostgresServer.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task A_refused_insert_returning_leaves_the_statement_usable_on_the_same_pooled_connection()
    {
        // One pooled connection, so every statement below runs on the connection the refused one used.
        var connectionString = DatabaseExtensions.ServiceConnectionString(
            new NpgsqlConnectionStringBuilder(_postgres.ConnectionString()) { MaxPoolSize = 1, MaxAutoPrepare = 64 }.ConnectionString)!;
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync(Ct);
            await using var create = new NpgsqlCommand(
                "CREATE TABLE orders (id serial PRIMARY KEY, user_id varchar(8) NOT NULL); CREATE TABLE outbox (id serial PRIMARY KEY, payload text)", setup);
            await create.ExecuteNonQueryAsync(Ct);
        }

        // Npgsql prepares a statement on its fifth use: the fifth order here is the refused one.
        for (var i = 0; i < 4; i++) await PlaceAsync(connectionString, "shopper");
        await Assert.ThrowsAsync<PostgresException>(() => PlaceAsync(connectionString, "a-user-id-too-long"));
        for (var i = 0; i < 4; i++) await PlaceAsync(connectionString, "shopper");

        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orders", check);
        Assert.Equal(8L, await count.ExecuteScalarAsync(Ct));
    }

    /// <summary>The shape of EF Core's save of an order: one batch of INSERT … RETURNING statements.</summary>
    private static async Task PlaceAsync(string connectionString, string userId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("INSERT INTO orders (user_id) VALUES ($1) RETURNING xmin") { Parameters = { new() { Value = userId } } },
                new NpgsqlBatchCommand("INSERT INTO outbox (payload) VALUES ($1) RETURNING id") { Parameters = { new() { Value = "placed" } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(Ct);
        do
        {
            while (await reader.ReadAsync(Ct))
            {
            }
        }
        while (await reader.NextResultAsync(Ct));
    }
}
