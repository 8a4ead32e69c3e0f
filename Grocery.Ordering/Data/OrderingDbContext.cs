using Grocery.Messaging.Storage;

namespace Grocery.Ordering.Data;

public sealed class OrderingDbContext : DbContext
{
    public OrderingDbContext(DbContextOptions<OrderingDbContext> options)
        : base(options)
    {
        // A SaveChanges inside the bus's transaction is all or nothing with it: a failure rolls the whole
        // transaction back (and a dead-letter replay rolls back to its own savepoint), so EF's savepoint
        // around each save would only cost two round trips. Pooled contexts keep this setting.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderAddress> OrderAddresses => Set<OrderAddress>();

    public DbSet<PaymentWebhookEvent> PaymentWebhookEvents => Set<PaymentWebhookEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrderingDbContext).Assembly);
    }
}
