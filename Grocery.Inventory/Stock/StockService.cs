using System.Text.Json;
using System.Text.Json.Serialization;
using Grocery.Contracts.Inventory;
using Grocery.Inventory.Background;
using Grocery.Inventory.Domain;
using Grocery.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Grocery.Inventory.Stock;

/// <summary>
/// Runs the stock functions (one round trip each) in the caller's transaction when there is one
/// (an event handler), else on their own, and adds the resulting integration events to the outbox
/// in that same transaction.
/// </summary>
public sealed class StockService(
    InventoryDbContext db,
    ReservationBatcher batcher,
    StockLevelPublisher levels,
    IIntegrationEventOutbox outbox,
    TimeProvider time,
    IOptions<InventoryOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Reserves every line of an order or none. Outside a transaction the order joins the next batch
    /// (<see cref="ReservationBatcher"/>); an event handler's order is reserved in its transaction,
    /// where <paramref name="beforeCommit"/> adds the reply.
    /// </summary>
    public async Task<ReservationView> ReserveAsync(ReserveStock command, CancellationToken ct, Func<ReservationView, NpgsqlTransaction, Task>? beforeCommit = null)
    {
        var ambient = db.Database.CurrentTransaction;
        if (ambient is null && beforeCommit is null) return await batcher.ReserveAsync(command, ct);

        IDbContextTransaction? own = null;
        if (ambient is null) own = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var transaction = (NpgsqlTransaction)(ambient ?? own!).GetDbTransaction();
            var reservation = (await ReservationStatement.ExecuteAsync(transaction.Connection!, transaction, [command],
                Now, options.Value.PendingReservationLifetime, ct))[0] ?? throw new UnknownWarehouseException(command.WarehouseId);
            if (beforeCommit is not null) await beforeCommit(reservation, transaction);
            if (own is not null)
            {
                await own.CommitAsync(ct);
                levels.StockChanged();
            }
            return reservation;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    public async Task<ReservationView?> ReleaseAsync(Guid orderId, string actor, string? reason, CancellationToken ct)
    {
        var outcome = await ExecuteAsync("SELECT inventory_release(@order, @actor, @reason, @now)", p =>
        {
            p.AddWithValue("order", orderId);
            p.AddWithValue("actor", actor);
            p.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
            p.AddWithValue("now", Now);
        }, Parse, mayPublish: false, null, ct);
        return outcome.Reservation;
    }

    /// <summary>Confirms a pending reservation until the slot window ends plus the grace period.</summary>
    public async Task<ReservationView?> ConfirmAsync(Guid orderId, DateTimeOffset slotWindowEnd, string actor, CancellationToken ct)
    {
        var outcome = await ExecuteAsync("SELECT inventory_confirm(@order, @until, @actor, @now)", p =>
        {
            p.AddWithValue("order", orderId);
            p.AddWithValue("until", slotWindowEnd + options.Value.ConfirmedGracePeriod);
            p.AddWithValue("actor", actor);
            p.AddWithValue("now", Now);
        }, Parse, mayPublish: false, null, ct);
        return outcome.Reservation;
    }

    /// <summary>
    /// Picking: releases everything the order still holds and takes the picked quantities off hand (FEFO),
    /// recording what left per SKU with its storage. A repeat (the reservation is already consumed) changes nothing.
    /// </summary>
    public async Task<ReservationView?> ConsumeAsync(Guid orderId, IReadOnlyList<PickedStock> picked, string actor, CancellationToken ct)
    {
        var outcome = await ExecuteAsync("SELECT inventory_consume(@order, @skus, @qtys, @storage, @actor, @now)", p =>
        {
            p.AddWithValue("order", orderId);
            p.AddWithValue("skus", picked.Select(l => l.Sku).ToArray());
            p.AddWithValue("qtys", picked.Select(l => l.Quantity).ToArray());
            p.AddWithValue("storage", picked.Select(l => StorageKinds.Normalize(l.Storage)).ToArray());
            p.AddWithValue("actor", actor);
            p.AddWithValue("now", Now);
        }, Parse, mayPublish: true, null, ct);
        return outcome.Reservation;
    }

    /// <summary>
    /// Reserves a substitute for a line of an active reservation in its warehouse, never more than is
    /// available. Null when the order has no reservation.
    /// </summary>
    public async Task<SubstitutionOutcome?> SubstituteAsync(Guid orderId, string originalSku, string sku, decimal quantity, string actor, CancellationToken ct)
    {
        var outcome = await ExecuteAsync("SELECT inventory_substitute(@order, @original, @sku, @qty, @actor, @now)", p =>
        {
            p.AddWithValue("order", orderId);
            p.AddWithValue("original", originalSku);
            p.AddWithValue("sku", sku);
            p.AddWithValue("qty", quantity);
            p.AddWithValue("actor", actor);
            p.AddWithValue("now", Now);
        }, Parse, mayPublish: true, null, ct);
        if (outcome.Reservation is null) return null;
        return new SubstitutionOutcome(outcome.Result switch
        {
            "reserved" => SubstitutionResult.Reserved,
            "short" => SubstitutionResult.NotEnoughStock,
            "inactive" => SubstitutionResult.ReservationInactive,
            "unknown-original" => SubstitutionResult.UnknownOriginal,
            var other => throw new InvalidOperationException($"inventory_substitute answered '{other}'."),
        }, outcome.Reservation, outcome.Available ?? 0);
    }

    /// <summary>
    /// Opens pending returns for goods of a consumed order that came back: every SKU not yet returned when
    /// <paramref name="lines"/> is null, else those lines capped at what left. One return per shipment and
    /// SKU, so a repeat adds nothing. False when the order's consumption is not recorded.
    /// </summary>
    public async Task<(bool Consumed, int Opened)> RecordReturnsAsync(Guid orderId, Guid shipmentId, string source,
        IReadOnlyList<StockLine>? lines, string? note, CancellationToken ct)
    {
        var outcome = await ExecuteAsync("SELECT inventory_record_returns(@order, @shipment, @source, @skus, @qtys, @note, @now)", p =>
        {
            p.AddWithValue("order", orderId);
            p.AddWithValue("shipment", shipmentId);
            p.AddWithValue("source", source);
            p.Add(new NpgsqlParameter("skus", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)lines?.Select(l => l.Sku).ToArray() ?? DBNull.Value });
            p.Add(new NpgsqlParameter("qtys", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = (object?)lines?.Select(l => l.Quantity).ToArray() ?? DBNull.Value });
            p.Add(new NpgsqlParameter("note", NpgsqlDbType.Text) { Value = (object?)note ?? DBNull.Value });
            p.AddWithValue("now", Now);
        }, Parse, mayPublish: false, null, ct);
        return (outcome.Consumed, outcome.Count);
    }

    /// <summary>Restocks or writes off a pending return; null for an unknown return.</summary>
    public async Task<StockOutcome?> InspectReturnAsync(Guid returnId, string status, string actor, string? reason, CancellationToken ct)
    {
        var outcome = await ExecuteAsync("SELECT inventory_inspect_return(@return, @decision, @actor, @reason, @now)", p =>
        {
            p.AddWithValue("return", returnId);
            p.AddWithValue("decision", status);
            p.AddWithValue("actor", actor);
            p.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
            p.AddWithValue("now", Now);
        }, Parse, mayPublish: true, null, ct);
        return outcome.Result is null ? null : outcome;
    }

    public Task<StockOutcome> ReceiveAsync(Guid warehouseId, IReadOnlyList<ReceiptLine> lines, string actor, string? reason, CancellationToken ct) =>
        ExecuteAsync("SELECT inventory_receive(@warehouse, @skus, @qtys, @best_before, @lot_codes, @low, @actor, @reason, @now)", p =>
        {
            p.AddWithValue("warehouse", warehouseId);
            p.AddWithValue("skus", lines.Select(l => l.Sku).ToArray());
            p.AddWithValue("qtys", lines.Select(l => l.Quantity).ToArray());
            p.Add(new NpgsqlParameter("best_before", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = lines.Select(l => (object?)l.BestBefore ?? DBNull.Value).ToArray() });
            p.Add(new NpgsqlParameter("lot_codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = lines.Select(l => (object?)l.LotCode ?? DBNull.Value).ToArray() });
            p.Add(new NpgsqlParameter("low", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = lines.Select(l => (object?)l.LowStockThreshold ?? DBNull.Value).ToArray() });
            p.AddWithValue("actor", actor);
            p.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
            p.AddWithValue("now", Now);
        }, Parse, mayPublish: false, null, ct);

    /// <summary>Adjustments (kind adjusted) and write-offs (kind written_off); all lines or none.</summary>
    public Task<StockOutcome> ChangeOnHandAsync(Guid warehouseId, string kind, IReadOnlyList<OnHandChangeLine> lines, string actor, string? reason, CancellationToken ct) =>
        ExecuteAsync("SELECT inventory_change_on_hand(@warehouse, @kind, @skus, @deltas, @lots, @best_before, @reasons, @actor, @reason, @now)", p =>
        {
            p.AddWithValue("warehouse", warehouseId);
            p.AddWithValue("kind", kind);
            p.AddWithValue("skus", lines.Select(l => l.Sku).ToArray());
            p.AddWithValue("deltas", lines.Select(l => l.Delta).ToArray());
            p.Add(new NpgsqlParameter("lots", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = lines.Select(l => (object?)l.LotId ?? DBNull.Value).ToArray() });
            p.Add(new NpgsqlParameter("best_before", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = lines.Select(l => (object?)l.BestBefore ?? DBNull.Value).ToArray() });
            p.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = lines.Select(l => (object?)l.Reason ?? DBNull.Value).ToArray() });
            p.AddWithValue("actor", actor);
            p.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
            p.AddWithValue("now", Now);
        }, Parse, mayPublish: true, null, ct);

    /// <summary>Releases one batch of reservations past their expiry; returns how many.</summary>
    public async Task<int> ExpireReservationsAsync(CancellationToken ct)
    {
        var outcome = await ExecuteAsync("SELECT inventory_expire_reservations(@now, @limit)", p =>
        {
            p.AddWithValue("now", Now);
            p.AddWithValue("limit", options.Value.SweepBatchSize);
        }, Parse, mayPublish: false, null, ct);
        return outcome.Count;
    }

    /// <summary>Writes off one batch of lots past best-before; returns how many.</summary>
    public async Task<int> ExpireLotsAsync(CancellationToken ct)
    {
        var outcome = await ExecuteAsync("SELECT inventory_expire_lots(@now, @limit)", p =>
        {
            p.AddWithValue("now", Now);
            p.AddWithValue("limit", options.Value.LotExpiryBatchSize);
        }, Parse, mayPublish: true, null, ct);
        return outcome.Count;
    }

    /// <summary>
    /// Runs one stock function. A function whose outcome needs no outbox row (mayPublish false: stock
    /// level changes only mark the row) runs as one autocommitted statement unless the caller has a
    /// transaction or work to do before commit; the others run in a transaction with their events.
    /// </summary>
    private async Task<StockOutcome> ExecuteAsync(
        string sql,
        Action<NpgsqlParameterCollection> bind,
        Func<string?, StockOutcome> parse,
        bool mayPublish,
        Func<StockOutcome, NpgsqlTransaction, Task>? beforeCommit,
        CancellationToken ct)
    {
        var ambient = db.Database.CurrentTransaction;
        if (ambient is null && beforeCommit is null && !mayPublish)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var single = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
                bind(single.Parameters);
                var committed = parse(await QueryAsync(single, ct));
                levels.StockChanged();
                return committed;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        IDbContextTransaction? own = null;
        if (ambient is null) own = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var transaction = (NpgsqlTransaction)(ambient ?? own!).GetDbTransaction();
            await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
            bind(command.Parameters);
            var outcome = parse(await QueryAsync(command, ct));
            await PublishAsync(outcome, transaction, ct);
            if (beforeCommit is not null) await beforeCommit(outcome, transaction);
            if (own is not null)
            {
                await own.CommitAsync(ct);
                levels.StockChanged();
            }
            return outcome;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private static async Task<string?> QueryAsync(NpgsqlCommand command, CancellationToken ct)
    {
        try
        {
            return await command.ExecuteScalarAsync(ct) as string;
        }
        catch (PostgresException e) when (e.SqlState is StockErrors.OnHandWouldBeNegative or StockErrors.LotTooSmall or StockErrors.OnHandWouldExceedLimit
                                          && int.TryParse(e.Hint, out _))
        {
            throw new StockLineRejectedException(int.Parse(e.Hint!), e.SqlState, e.MessageText);
        }
        catch (PostgresException e) when (e.SqlState == StockErrors.UnknownWarehouse)
        {
            throw new UnknownWarehouseException(command.Parameters.Contains("warehouse") ? (Guid)command.Parameters["warehouse"].Value! : Guid.Empty);
        }
    }

    /// <summary>Stock level changes reach the outbox through <see cref="Background.StockLevelPublisher"/>; shortfalls are per order and go now.</summary>
    private async Task PublishAsync(StockOutcome outcome, NpgsqlTransaction transaction, CancellationToken ct)
    {
        foreach (var order in outcome.Shortfalls.GroupBy(s => (s.OrderId, s.WarehouseId)))
            await outbox.AddAsync(new StockShortfallIntegrationEvent(order.Key.OrderId, order.Key.WarehouseId,
                [.. order.Select(s => new StockShortfallLine(s.Sku, s.Requested, s.Available))], Now), transaction, ct);
    }

    private static StockOutcome Parse(string? json)
    {
        if (json is null) return new StockOutcome(null, [], [], [], 0);
        var raw = JsonSerializer.Deserialize<RawOutcome>(json, Json)!;
        return new StockOutcome(raw.Reservation is { } r ? ViewOf(r) : null, raw.Levels ?? [], raw.Shortfalls ?? [], raw.Lots ?? [], raw.Count)
        {
            Result = raw.Outcome,
            Available = raw.Available,
            Consumed = raw.Consumed ?? false,
        };
    }

    private static ReservationView ViewOf(RawReservation r) =>
        new(r.OrderId, r.WarehouseId, r.UserId, r.Status, r.ExpiresAt, r.CreatedAt, r.Lines ?? [], r.Shortfalls ?? []) { Created = r.Created };

    private sealed record RawOutcome(
        RawReservation? Reservation, List<LevelChange>? Levels, List<OrderShortfall>? Shortfalls, List<ReceivedLot>? Lots, int Count,
        string? Outcome, decimal? Available, bool? Consumed);

    private sealed record RawReservation(
        Guid OrderId, Guid WarehouseId, Guid? UserId, string Status, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt, bool Created,
        List<ReservationLineView>? Lines, List<ShortfallView>? Shortfalls);
}
