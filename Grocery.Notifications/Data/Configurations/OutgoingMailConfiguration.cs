using System.Text.Json;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Templates;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Notifications.Data.Configurations;

/// <summary>Claimed by <see cref="Email.OutgoingMailSender"/> with its own SQL (FOR UPDATE SKIP LOCKED), so its names are fixed here.</summary>
internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public const string Table = "outgoing_mails";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<OutgoingMail> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(m => m.NotificationId);
        // A notification swept by retention or erased with its account takes its mail with it.
        builder.HasOne<Notification>().WithOne().HasForeignKey<OutgoingMail>(m => m.NotificationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Language).HasMaxLength(NotificationsLimits.LanguageLength);
        builder.Property(m => m.OrderNumber).HasMaxLength(32);
        builder.Property(m => m.MessageId).HasMaxLength(NotificationsLimits.MessageIdLength);
        builder.Property(m => m.LastError).HasMaxLength(NotificationsLimits.MailErrorLength);
        builder.Property(m => m.Draft).HasColumnType("jsonb").HasConversion(
            draft => JsonSerializer.Serialize(draft, Json),
            json => JsonSerializer.Deserialize<MessageDraft>(json, Json)!,
            new ValueComparer<MessageDraft>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                draft => JsonSerializer.Serialize(draft, Json).GetHashCode(),
                draft => draft));
        // The sender's claim: the next due pending mail.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter($"\"{nameof(OutgoingMail.Status)}\" = '{nameof(OutgoingMailStatus.Pending)}'");
        // The ops list of parked mails.
        builder.HasIndex(m => new { m.Status, m.CreatedAt });
    }
}
