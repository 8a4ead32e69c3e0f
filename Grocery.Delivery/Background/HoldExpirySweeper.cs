using Grocery.Delivery.Data;
using Grocery.Delivery.Slots;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grocery.Delivery.Background;

/// <summary>Expires holds past their time and gives their capacity back.</summary>
public sealed class HoldExpirySweeper(NpgsqlDataSource dataSource, TimeProvider time, IOptions<DeliveryOptions> options, ILogger<HoldExpirySweeper> logger)
{
    /// <returns>How many holds expired.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var expired = await SweepBatchAsync(cancellationToken);
            total += expired;
            if (expired < options.Value.SweepBatchSize) break;
        }
        if (total > 0) logger.LogInformation("Expired {Count} slot holds", total);
        return total;
    }

    private async Task<int> SweepBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var slotIds = new List<Guid>();
        await using (var expire = new NpgsqlCommand(SlotSql.ExpireHolds, connection, transaction))
        {
            expire.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
            expire.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Value.SweepBatchSize });
            await using var reader = await expire.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) slotIds.Add(reader.GetGuid(0));
        }
        if (slotIds.Count == 0) return 0;

        var perSlot = slotIds.GroupBy(id => id).OrderBy(g => g.Key).ToArray();
        var ids = perSlot.Select(g => g.Key).ToArray();
        await using (var lockSlots = new NpgsqlCommand(SlotSql.LockSlots, connection, transaction))
        {
            lockSlots.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            await lockSlots.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var release = new NpgsqlCommand(SlotSql.ReleaseHeld, connection, transaction))
        {
            release.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            release.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = perSlot.Select(g => g.Count()).ToArray() });
            await release.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return slotIds.Count;
    }
}
