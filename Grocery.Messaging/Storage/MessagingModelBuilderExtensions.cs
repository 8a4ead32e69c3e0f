namespace Grocery.Messaging.Storage;

public static class MessagingModelBuilderExtensions
{
    public const string Schema = "messaging";

    /// <summary>
    /// Maps the outbox, inbox, dead-letter and parked-message tables (schema "messaging") into the
    /// service's model so they are created by the service's own migrations.
    /// </summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages", Schema);
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.Topic).HasColumnName("topic").HasMaxLength(249);
            e.Property(m => m.PartitionKey).HasColumnName("partition_key");
            e.Property(m => m.EventType).HasColumnName("event_type");
            e.Property(m => m.Payload).HasColumnName("payload");
            e.Property(m => m.Traceparent).HasColumnName("traceparent");
            e.Property(m => m.CreatedAt).HasColumnName("created_at");
            e.Property(m => m.PublishedAt).HasColumnName("published_at");
            e.Property(m => m.Attempts).HasColumnName("attempts");
            e.Property(m => m.LastError).HasColumnName("last_error");
            e.HasIndex(m => m.Id).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_unpublished");
            e.HasIndex(m => m.PublishedAt).HasDatabaseName("ix_outbox_messages_published_at");
        });
        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages", Schema);
            e.HasKey(m => new { m.ConsumerGroup, m.MessageId });
            e.Property(m => m.ConsumerGroup).HasColumnName("consumer_group");
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.EventType).HasColumnName("event_type");
            e.Property(m => m.ProcessedAt).HasColumnName("processed_at");
            e.HasIndex(m => m.ProcessedAt).HasDatabaseName("ix_inbox_messages_processed_at");
        });
        modelBuilder.Entity<DeadLetter>(e =>
        {
            e.ToTable("dead_letters", Schema);
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            e.Property(m => m.ConsumerGroup).HasColumnName("consumer_group");
            e.Property(m => m.Topic).HasColumnName("topic");
            e.Property(m => m.Partition).HasColumnName("partition");
            e.Property(m => m.Offset).HasColumnName("offset");
            e.Property(m => m.PartitionKey).HasColumnName("partition_key");
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.EventType).HasColumnName("event_type");
            e.Property(m => m.Payload).HasColumnName("payload");
            e.Property(m => m.Error).HasColumnName("error");
            e.Property(m => m.Attempts).HasColumnName("attempts");
            e.Property(m => m.Status).HasColumnName("status");
            e.Property(m => m.DeadLetteredAt).HasColumnName("dead_lettered_at");
            e.Property(m => m.ResolvedAt).HasColumnName("resolved_at");
            e.HasIndex(m => new { m.ConsumerGroup, m.MessageId }).IsUnique().HasDatabaseName("ux_dead_letters_message");
            e.HasIndex(m => new { m.ConsumerGroup, m.PartitionKey }).HasFilter("status = 0").HasDatabaseName("ix_dead_letters_pending_key");
        });
        modelBuilder.Entity<ParkedMessage>(e =>
        {
            e.ToTable("parked_messages", Schema);
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            e.Property(m => m.ConsumerGroup).HasColumnName("consumer_group");
            e.Property(m => m.Topic).HasColumnName("topic");
            e.Property(m => m.Partition).HasColumnName("partition");
            e.Property(m => m.Offset).HasColumnName("offset");
            e.Property(m => m.PartitionKey).HasColumnName("partition_key");
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.Payload).HasColumnName("payload");
            e.Property(m => m.ParkedAt).HasColumnName("parked_at");
            e.HasIndex(m => new { m.ConsumerGroup, m.MessageId }).IsUnique().HasDatabaseName("ux_parked_messages_message");
            e.HasIndex(m => new { m.ConsumerGroup, m.Topic, m.PartitionKey, m.Id }).HasDatabaseName("ix_parked_messages_key");
        });
        return modelBuilder;
    }
}
