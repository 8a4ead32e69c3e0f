using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grocery.Messaging.Tests;

/// <summary>Direct reads of the test database for assertions.</summary>
public sealed class TestDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public TestDbContext Context() => new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(ConnectionString).Options);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<Dictionary<string, int>> CountersAsync()
    {
        await using var db = Context();
        return await db.Counters.AsNoTracking().ToDictionaryAsync(c => c.Name, c => c.Value);
    }

    public async Task<List<HandledMessage>> HandledAsync()
    {
        await using var db = Context();
        return await db.HandledMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public Task<long> UnpublishedAsync() => ScalarAsync("SELECT count(*) FROM messaging.outbox_messages WHERE published_at IS NULL");
}
