using Grocery.Delivery.Domain;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grocery.Delivery.Slots;

/// <summary>The hold hot path: plain Npgsql, one round trip per hold, capacity checked by the database.</summary>
public sealed class SlotHoldService(NpgsqlDataSource dataSource, TimeProvider time, IOptions<DeliveryOptions> options)
{
    private const int MaxAttempts = 3;

    public async Task<HoldResult> HoldAsync(Guid slotId, string userId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var now = time.GetUtcNow();
                await using var command = dataSource.CreateCommand(SlotSql.HoldSlot);
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = slotId });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + options.Value.HoldDuration });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                var outcome = reader.GetString(0) switch
                {
                    "held" => HoldOutcome.Held,
                    "existing" => HoldOutcome.Existing,
                    "not_found" => HoldOutcome.NotFound,
                    "closed" => HoldOutcome.Closed,
                    "past_cutoff" => HoldOutcome.PastCutoff,
                    _ => HoldOutcome.Full,
                };
                return new HoldResult(outcome,
                    reader.IsDBNull(1) ? null : reader.GetGuid(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                    reader.IsDBNull(3) ? null : reader.GetGuid(3));
            }
            catch (PostgresException ex) when (IsTransient(ex) && attempt < MaxAttempts)
            {
            }
        }
    }

    public async Task<bool> ReleaseAsync(Guid holdId, string userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SlotSql.ReleaseHold);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = holdId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Checkout's synchronous check: the hold is still the shopper's, active, and its slot still orderable.</summary>
    public async Task<(ExtendOutcome Outcome, ExtendedHold? Hold)> ExtendAsync(Guid holdId, string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using (var command = dataSource.CreateCommand(SlotSql.ExtendHold))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = holdId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + options.Value.HoldDuration });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return (ExtendOutcome.Extended, new ExtendedHold(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(3),
                    reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetDecimal(7)));
            }
        }

        await using var describe = dataSource.CreateCommand(SlotSql.DescribeHold);
        describe.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = holdId });
        describe.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        await using var state = await describe.ExecuteReaderAsync(cancellationToken);
        if (!await state.ReadAsync(cancellationToken)) return (ExtendOutcome.NotFound, null);
        var status = Enum.Parse<HoldStatus>(state.GetString(0));
        var expiresAt = state.GetFieldValue<DateTimeOffset>(1);
        if (status != HoldStatus.Active || expiresAt <= now) return (ExtendOutcome.NoLongerActive, null);
        if (state.GetBoolean(2)) return (ExtendOutcome.SlotClosed, null);
        return (ExtendOutcome.PastCutoff, null);
    }

    internal static bool IsTransient(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
