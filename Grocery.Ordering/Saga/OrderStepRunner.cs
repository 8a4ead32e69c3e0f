namespace Grocery.Ordering.Saga;

/// <summary>One step of an order's saga: it receives the tracked order (null when there is none) and the scope's services.</summary>
public delegate Task<T> OrderStep<T>(Order? order, IServiceProvider services, CancellationToken cancellationToken);

/// <summary>
/// The one place that loads an order, applies a saga step and saves it with its outbox events in one
/// transaction. The row version (xmin) makes a concurrent change fail the save; the step then runs
/// again on a fresh scope against the order as it is now, a bounded number of times. Steps must
/// therefore decide from the order's state and keep their calls to other systems idempotent by order.
/// </summary>
public sealed class OrderStepRunner(IServiceScopeFactory scopes, ILogger<OrderStepRunner> logger)
{
    public const int MaxAttempts = 5;

    /// <summary>For endpoints and background workers: the runner owns the scope, the transaction and the retries.</summary>
    public async Task<T> RunAsync<T>(Guid orderId, OrderStep<T> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
            var order = await LoadAsync(db, orderId, cancellationToken);
            var result = await step(order, scope.ServiceProvider, cancellationToken);
            if (!db.ChangeTracker.HasChanges()) return result;
            try
            {
                // EF wraps the order's update and the outbox rows in one transaction.
                await db.SaveChangesAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                logger.LogInformation("Order {OrderId} changed during a saga step (attempt {Attempt}); applying it again", orderId, attempt);
            }
        }
    }

    /// <summary>
    /// For integration event handlers, which run inside the bus's transaction: the step is applied to the
    /// scope's DbContext and the bus saves it together with the inbox row. A concurrent change fails that
    /// commit; the bus rolls everything back and delivers the message again to a fresh scope, so the step
    /// is decided again on the current order, as <see cref="RunAsync{T}"/> does.
    /// </summary>
    public static async Task<T> ApplyAsync<T>(IServiceProvider scope, Guid orderId, OrderStep<T> step, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(scope.GetRequiredService<OrderingDbContext>(), orderId, cancellationToken);
        return await step(order, scope, cancellationToken);
    }

    /// <summary>The tracked order. A bus batch may carry several events of one order: the tracked instance already holds the earlier ones' effects.</summary>
    public static ValueTask<Order?> LoadAsync(OrderingDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.FindAsync([orderId], cancellationToken);
}
