using Grocery.Notifications.Contacts;
using Grocery.Notifications.Data.Configurations;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Notifying;
using Grocery.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace Grocery.Notifications.Email;

/// <summary>What became of one send attempt.</summary>
public enum MailAttemptOutcome
{
    Sent,
    /// <summary>Failed; it is tried again after its back-off.</summary>
    Retrying,
    /// <summary>Failed its last attempt (or a replay); it waits for an admin.</summary>
    Parked,
    /// <summary>Nothing to send: the account is gone or has no address.</summary>
    Discarded,
}

/// <summary>
/// Sends the mail queue. Each mail is claimed with <c>FOR UPDATE SKIP LOCKED</c> in a transaction of its
/// own that stays open across the SMTP send and commits the outcome, so two replicas never send the same
/// mail and a sent mail is marked sent exactly once. A crash between the relay's answer and the commit
/// leaves the mail pending: it goes out again with the same Message-ID, the one duplicate this allows.
/// </summary>
internal sealed class OutgoingMailSender(
    IServiceScopeFactory scopes,
    IEmailSender email,
    IOptions<MailQueueOptions> queueOptions,
    IOptions<EmailOptions> emailOptions,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<OutgoingMailSender> logger)
{
    private static readonly string Claim = $"""
        SELECT * FROM {NotificationsDbContext.Schema}.{OutgoingMailConfiguration.Table}
        WHERE "{nameof(OutgoingMail.Status)}" = '{nameof(OutgoingMailStatus.Pending)}' AND "{nameof(OutgoingMail.NextAttemptAt)}" <= @now
        ORDER BY "{nameof(OutgoingMail.NextAttemptAt)}" LIMIT 1
        FOR UPDATE SKIP LOCKED
        """;

    private static readonly string Lock = $"""
        SELECT * FROM {NotificationsDbContext.Schema}.{OutgoingMailConfiguration.Table}
        WHERE "{nameof(OutgoingMail.NotificationId)}" = @id
        FOR UPDATE
        """;

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>Sends the mails that are due, one at a time, up to a batch; returns how many were tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var tried = 0;
        while (tried < queueOptions.Value.BatchSize && await SendNextAsync(cancellationToken)) tried++;
        return tried;
    }

    private async Task<bool> SendNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mail = (await db.OutgoingMails.FromSqlRaw(Claim, new Npgsql.NpgsqlParameter("now", time.GetUtcNow())).ToListAsync(cancellationToken))
            .SingleOrDefault();
        if (mail is null) return false;
        await AttemptAsync(scope.ServiceProvider, db, mail, lastAttempt: mail.Attempts + 1 >= queueOptions.Value.MaxAttempts, cancellationToken);
        // The relay may have taken the mail already: marking it sent must not be cancelled.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>An admin's replay of a parked mail: one attempt now; failing, it stays parked.</summary>
    public async Task<(MailAttemptOutcome? Outcome, OutgoingMail? Mail)> ReplayAsync(Guid notificationId, CancellationToken cancellationToken) =>
        await ResolveAsync(notificationId, async (services, db, mail) =>
            await AttemptAsync(services, db, mail, lastAttempt: true, cancellationToken), cancellationToken);

    /// <summary>An admin gives up on a parked mail; the in-app copy stays.</summary>
    public async Task<(MailAttemptOutcome? Outcome, OutgoingMail? Mail)> DiscardAsync(Guid notificationId, CancellationToken cancellationToken) =>
        await ResolveAsync(notificationId, (_, _, mail) =>
        {
            mail.Discard("Discarded by an admin.", time.GetUtcNow());
            return Task.FromResult(MailAttemptOutcome.Discarded);
        }, cancellationToken);

    /// <returns>No outcome and no mail when there is no such mail; no outcome when it is not parked.</returns>
    private async Task<(MailAttemptOutcome? Outcome, OutgoingMail? Mail)> ResolveAsync(
        Guid notificationId, Func<IServiceProvider, NotificationsDbContext, OutgoingMail, Task<MailAttemptOutcome>> resolve, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mail = (await db.OutgoingMails.FromSqlRaw(Lock, new Npgsql.NpgsqlParameter("id", notificationId)).ToListAsync(cancellationToken))
            .SingleOrDefault();
        if (mail is null) return (null, null);
        if (mail.Status != OutgoingMailStatus.Parked) return (null, mail);
        var outcome = await resolve(scope.ServiceProvider, db, mail);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return (outcome, mail);
    }

    private async Task<MailAttemptOutcome> AttemptAsync(IServiceProvider services, NotificationsDbContext db, OutgoingMail mail, bool lastAttempt,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var notification = await db.Notifications.SingleAsync(n => n.Id == mail.NotificationId, cancellationToken);
        mail.Attempting();
        try
        {
            var contact = await services.GetRequiredService<IShopperContacts>().FindAsync(mail.UserId, cancellationToken);
            if (string.IsNullOrWhiteSpace(contact?.Email))
            {
                mail.Discard(contact is null ? "The account no longer exists." : "The account has no email address.", now);
                notification.RecordEmail(EmailOutcome.NoAddress);
                logger.LogInformation("Mail of notification {NotificationId} ({Kind}) dropped: nobody to send it to", mail.NotificationId, mail.Kind);
                return MailAttemptOutcome.Discarded;
            }
            var format = new ShopperFormat(mail.Language, _zone);
            var message = MailComposer.Compose(mail.Draft, mail.Kind, mail.OrderNumber, emailOptions.Value.From, contact.Email, contact.DisplayName,
                mail.Language, OrderMessages.Greeting(contact.DisplayName, format), OrderMessages.Signature(format), mail.MessageId);
            await email.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var retryIn = queueOptions.Value.RetryDelay(mail.Attempts, Random.Shared.NextDouble());
            mail.Failed(Describe(e), now, park: lastAttempt, retryIn);
            logger.LogWarning("Mail of notification {NotificationId} ({Kind}) failed attempt {Attempt}: {Error}; {Next}",
                mail.NotificationId, mail.Kind, mail.Attempts, mail.LastError, lastAttempt ? "parked" : $"next attempt in {retryIn}");
            return lastAttempt ? MailAttemptOutcome.Parked : MailAttemptOutcome.Retrying;
        }
        mail.Sent(time.GetUtcNow());
        notification.RecordEmail(EmailOutcome.Sent);
        logger.LogInformation("Mail of notification {NotificationId} ({Kind}) sent at attempt {Attempt}", mail.NotificationId, mail.Kind, mail.Attempts);
        return MailAttemptOutcome.Sent;
    }

    /// <summary>
    /// Only failures whose text is known to carry no personal data keep their text: it is stored and
    /// shown to admins. Anything else is named by its type.
    /// </summary>
    private static string Describe(Exception e) => e switch
    {
        EmailDeliveryException or HttpRequestException => e.Message,
        TaskCanceledException or TimeoutException => "The send timed out.",
        _ => $"The send failed ({e.GetType().Name}).",
    };
}
