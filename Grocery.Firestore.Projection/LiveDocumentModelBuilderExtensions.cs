using Microsoft.EntityFrameworkCore;

namespace Grocery.Firestore.Projection;

public static class LiveDocumentModelBuilderExtensions
{
    public const string Schema = "firestore";
    public const string Table = "live_documents";

    /// <summary>Maps the projection checkpoint (schema "firestore") so the service's own migrations create it.</summary>
    public static ModelBuilder AddFirestoreProjectionTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LiveDocument>(e =>
        {
            e.ToTable(Table, Schema);
            e.HasKey(d => new { d.Collection, d.DocumentId });
            e.Property(d => d.Collection).HasColumnName("collection").HasMaxLength(100);
            e.Property(d => d.DocumentId).HasColumnName("document_id").HasMaxLength(300);
            e.Property(d => d.Fields).HasColumnName("fields");
            e.Property(d => d.Version).HasColumnName("version");
            e.Property(d => d.WrittenVersion).HasColumnName("written_version");
            e.Property(d => d.ChangedAt).HasColumnName("changed_at");
            e.Property(d => d.WrittenAt).HasColumnName("written_at");
            e.HasIndex(d => d.ChangedAt).HasFilter("version > written_version").HasDatabaseName("ix_live_documents_pending");
        });
        return modelBuilder;
    }
}
