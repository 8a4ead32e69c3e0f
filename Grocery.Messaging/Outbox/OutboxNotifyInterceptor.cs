using System.Runtime.CompilerServices;
using Grocery.Messaging.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Grocery.Messaging.Outbox;

/// <summary>
/// After a SaveChanges that wrote outbox rows, sends NOTIFY on the same connection: inside an
/// explicit transaction PostgreSQL delivers it at commit, so the relay wakes exactly when the rows
/// become visible (in this replica or any other). A caller that sends commands of its own before
/// committing can <see cref="Defer"/> the NOTIFY and send it with them, saving a round trip.
/// </summary>
internal sealed class OutboxNotifyInterceptor : SaveChangesInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();
    private readonly ConditionalWeakTable<DbContext, NotifyDeferral> _deferred = new();

    /// <summary>
    /// Until the deferral is disposed, a SaveChanges of <paramref name="context"/> that wrote outbox rows leaves the
    /// NOTIFY to the caller (<see cref="NotifyDeferral.Requested"/>), who must send it in the same transaction.
    /// </summary>
    public NotifyDeferral Defer(DbContext context)
    {
        var deferral = new NotifyDeferral(() => _deferred.Remove(context));
        _deferred.AddOrUpdate(context, deferral);
        return deferral;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.Remove(context) && !TookOver(context))
            await context.Database.ExecuteSqlRawAsync(OutboxSql.Notify, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _pending.Remove(context) && !TookOver(context))
            context.Database.ExecuteSqlRaw(OutboxSql.Notify);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) _pending.Remove(context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) _pending.Remove(context);
        return Task.CompletedTask;
    }

    private bool TookOver(DbContext context)
    {
        if (!_deferred.TryGetValue(context, out var deferral)) return false;
        deferral.Requested = true;
        return true;
    }

    private void Remember(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.State != EntityState.Added) continue;
            _pending.AddOrUpdate(context, Marker);
            return;
        }
    }
}
