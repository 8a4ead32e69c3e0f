using System.Runtime.CompilerServices;
using Grocery.Messaging.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Grocery.Messaging.Outbox;

/// <summary>
/// After a SaveChanges that wrote outbox rows, sends NOTIFY on the same connection: inside an
/// explicit transaction PostgreSQL delivers it at commit, so the relay wakes exactly when the rows
/// become visible (in this replica or any other).
/// </summary>
internal sealed class OutboxNotifyInterceptor : SaveChangesInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();

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
        if (eventData.Context is { } context && _pending.Remove(context))
            await context.Database.ExecuteSqlRawAsync(OutboxSql.Notify, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _pending.Remove(context))
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
