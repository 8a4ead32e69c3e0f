using Grocery.Messaging.Storage;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Messaging.TestWorker;

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Counter> Counters => Set<Counter>();

    public DbSet<HandledMessage> HandledMessages => Set<HandledMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<Counter>(e =>
        {
            e.ToTable("counters");
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasColumnName("name");
            e.Property(c => c.Value).HasColumnName("value");
        });
        modelBuilder.Entity<HandledMessage>(e =>
        {
            e.ToTable("handled_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id");
            e.Property(m => m.Key).HasColumnName("key");
            e.Property(m => m.Sequence).HasColumnName("sequence");
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.TraceId).HasColumnName("trace_id");
            e.Property(m => m.CorrelationId).HasColumnName("correlation_id");
            e.Property(m => m.PublishedAt).HasColumnName("published_at");
            e.Property(m => m.HandledAt).HasColumnName("handled_at");
        });
    }
}
