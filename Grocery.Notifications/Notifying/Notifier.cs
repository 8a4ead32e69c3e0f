using Grocery.Messaging;
using Grocery.Notifications.Contacts;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Email;
using Grocery.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace Grocery.Notifications.Notifying;

/// <summary>
/// Tells one shopper one thing: the in-app notification and, unless email is off, its mail in the queue
/// are written in the handler's transaction with the inbox row, so an event notifies at most once and
/// the shopper sees it in the app at once. <see cref="OutgoingMailSender"/> sends the mail afterwards,
/// retrying on its own: a relay outage never holds back the event, the in-app copy or the saga.
/// </summary>
internal sealed class Notifier(
    NotificationsDbContext db,
    IShopperContacts contacts,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<Notifier> logger)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>
    /// The order as OrderPlaced introduced it. Orders placed before this service existed are unknown:
    /// nobody can be told about them, so their events are acknowledged without a message.
    /// </summary>
    public async Task<OrderRecipient?> FindOrderAsync(Guid orderId, string eventName, CancellationToken cancellationToken)
    {
        var order = await db.Orders.FindAsync([orderId], cancellationToken);
        if (order is null) logger.LogWarning("{Event} for order {OrderId}, which was never placed here; nothing to tell", eventName, orderId);
        return order;
    }

    public string OrderLink(Guid orderId) => $"{options.Value.StorefrontUrl.TrimEnd('/')}/orders/{orderId}";

    /// <summary>
    /// Sends the message <paramref name="compose"/> writes in the shopper's language; it may return
    /// null when there is nothing to say (picking changed nothing).
    /// </summary>
    public async Task NotifyAsync(OrderRecipient order, NotificationKind kind, Func<ShopperFormat, MessageDraft?> compose,
        IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await db.Notifications.AnyAsync(n => n.SourceMessageId == context.MessageId, cancellationToken)) return;
        var contact = await contacts.FindAsync(order.UserId, cancellationToken);
        if (contact is null)
        {
            logger.LogInformation("Order {OrderId}: the account no longer exists; no {Kind} notification", order.OrderId, kind);
            return;
        }
        var language = ShopperLanguage.Normalize(contact.Language);
        var format = new ShopperFormat(language, _zone);
        if (compose(format) is not { } draft) return;

        var notification = new Notification(order.UserId, order.OrderId, kind, language, draft.Title, MailComposer.InAppBody(draft),
            draft.Link?.Url, context.MessageId, time.GetUtcNow());
        db.Notifications.Add(notification);

        var emailOn = !await db.Preferences.AnyAsync(p => p.UserId == order.UserId && p.Kind == kind && !p.Email, cancellationToken);
        if (!emailOn) notification.RecordEmail(EmailOutcome.TurnedOff);
        else if (string.IsNullOrWhiteSpace(contact.Email)) notification.RecordEmail(EmailOutcome.NoAddress);
        else
        {
            db.OutgoingMails.Add(new OutgoingMail(notification, draft, order.Number, notification.CreatedAt));
            notification.RecordEmail(EmailOutcome.Queued);
        }
        logger.LogInformation("Notification {NotificationId} ({Kind}) for order {OrderId}: email {Email}",
            notification.Id, kind, order.OrderId, notification.Email);
    }
}
