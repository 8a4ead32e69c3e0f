using Grocery.Notifications.Domain;

namespace Grocery.Notifications.Apis;

/// <summary>A queued mail as ops see it: what it is about and how sending went, never the recipient.</summary>
public sealed record OutgoingMailSummary(
    Guid NotificationId,
    string Kind,
    string? OrderNumber,
    string Language,
    string MessageId,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? ParkedAt)
{
    internal static OutgoingMailSummary From(OutgoingMail m) =>
        new(m.NotificationId, m.Kind.Name(), m.OrderNumber, m.Language, m.MessageId, m.Status.ToString(), m.Attempts, m.LastError,
            m.CreatedAt, m.NextAttemptAt, m.SentAt, m.ParkedAt);
}
