using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Grocery.Inventory.Stock;

/// <summary>
/// Claims an Idempotency-Key inside the caller's transaction: a concurrent duplicate waits for the
/// first to commit and then reads its stored answer; a failed first attempt leaves no claim behind.
/// </summary>
public sealed class IdempotencyStore(InventoryDbContext db, TimeProvider time)
{
    /// <summary>Returns the stored answer of an earlier call with this key, or null when this call claimed it.</summary>
    public async Task<IdempotencyRecord?> ClaimAsync(string operation, string key, CancellationToken cancellationToken)
    {
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction ?? throw new InvalidOperationException("Claim inside a transaction.")).GetDbTransaction();
        await using var command = new NpgsqlCommand("""
            INSERT INTO idempotency_records (operation, key, status_code, response, created_at) VALUES (@op, @key, 0, NULL, @now)
            ON CONFLICT DO NOTHING
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("op", operation);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1) return null;
        return await db.Set<IdempotencyRecord>().AsNoTracking().SingleAsync(r => r.Operation == operation && r.Key == key, cancellationToken);
    }

    public async Task CompleteAsync(string operation, string key, int statusCode, string response, CancellationToken cancellationToken)
    {
        await db.Set<IdempotencyRecord>()
            .Where(r => r.Operation == operation && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.Response, response), cancellationToken);
    }
}
