using Grocery.Messaging;
using Grocery.Notifications.Contacts;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Email;
using Grocery.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace Grocery.Notifications.Notifying;

/// <summary>
/// Tells one shopper one thing: the in-app notification is written in the handler's transaction
/// (with the inbox row), and the mail is sent before that transaction commits, so a failed send rolls
/// the notification back and the bus retries the event, then dead-letters it.
/// </summary>
internal sealed class Notifier(
    NotificationsDbContext db,
    IShopperContacts contacts,
    IEmailSender email,
    SentMailLedger ledger,
    IOptions<NotificationsOptions> options,
    IOptions<EmailOptions> emailOptions,
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
            await SendOnceAsync(draft, kind, order, contact, language, format, context.MessageId, cancellationToken);
            notification.RecordEmail(EmailOutcome.Sent);
        }
        logger.LogInformation("Notification {NotificationId} ({Kind}) for order {OrderId}: email {Email}",
            notification.Id, kind, order.OrderId, notification.Email);
    }

    private async Task SendOnceAsync(MessageDraft draft, NotificationKind kind, OrderRecipient order, ShopperContact contact,
        string language, ShopperFormat format, string messageId, CancellationToken cancellationToken)
    {
        var deliveryKey = $"{messageId}:{kind.Name()}";
        if (await ledger.WasSentAsync(deliveryKey, cancellationToken)) return;
        var mail = MailComposer.Compose(draft, kind, order.Number, emailOptions.Value.From, contact.Email!, contact.DisplayName, language,
            OrderMessages.Greeting(contact.DisplayName, format), OrderMessages.Signature(format),
            $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(deliveryKey)))[..32]}@notifications.grocery.local");
        await email.SendAsync(mail, cancellationToken);
        await ledger.RecordAsync(deliveryKey, cancellationToken);
    }
}
