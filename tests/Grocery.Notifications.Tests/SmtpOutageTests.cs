using Grocery.Messaging.DeadLetters;
using Grocery.Notifications.Apis;
using Grocery.Notifications.Domain;
using netDumbster.smtp;

namespace Grocery.Notifications.Tests;

/// <summary>
/// An SMTP relay that is down: the event is handled and the shopper sees the notification in the app
/// at once, while the mail waits in the queue, is retried with back-off and then parked for a replay.
/// </summary>
public sealed class SmtpOutageTests(NotificationsInfrastructure infra)
{
    [Fact]
    public async Task With_the_relay_down_the_notification_is_in_the_app_at_once_and_the_mail_is_retried_parked_and_sent_once_by_a_replay()
    {
        var smtpPort = FreePort.Next();
        await using var app = new NotificationsApp(infra, smtpPort);
        await app.StartAsync();
        var journey = new OrderJourney(infra.NewShopper("en"));
        using var admin = app.ClientFor(Guid.NewGuid(), GroceryRoles.Admin);
        using var shopper = app.ClientFor(journey.Shopper.UserId);

        await app.PublishAsync(journey.Placed(), journey.Confirmed());

        var page = await Eventually.GetAsync(() => shopper.GetFromJsonAsync<NotificationPage>("/api/v1/me/notifications"),
            p => p!.Items.Count == 1, "the confirmation is in the app while the relay is down");
        var notificationId = page.Items[0].Id;
        var parked = await Eventually.GetAsync(() => admin.GetFromJsonAsync<OutgoingMailSummary>($"/api/v1/ops/messaging/mails/{notificationId}"),
            m => m!.Status == "Parked", "the mail was parked after its attempts");
        Assert.Equal(3, parked.Attempts);
        Assert.Equal(("orderConfirmed", journey.Number, "en"), (parked.Kind, parked.OrderNumber, parked.Language));
        Assert.Contains("could not be reached", parked.LastError);
        Assert.DoesNotContain(journey.Shopper.Email, parked.LastError);
        Assert.Equal([notificationId], (await admin.GetFromJsonAsync<List<OutgoingMailSummary>>("/api/v1/ops/messaging/mails?status=parked"))!
            .Select(m => m.NotificationId));
        // The event itself went through: nothing waits on the bus.
        Assert.Empty((await admin.GetFromJsonAsync<List<DeadLetterSummary>>("/api/v1/ops/messaging/dead-letters"))!);

        using var relay = SimpleSmtpServer.Start(smtpPort);
        using var replay = await admin.PostAsync($"/api/v1/ops/messaging/mails/{notificationId}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var sent = (await replay.Content.ReadFromJsonAsync<OutgoingMailSummary>())!;
        Assert.Equal(("Sent", 4), (sent.Status, sent.Attempts));
        using var again = await admin.PostAsync($"/api/v1/ops/messaging/mails/{notificationId}/replay", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var mail = Assert.Single(await NotificationsInfrastructure.MailsEventuallyAsync(relay, journey.Shopper.Email, 1, "the replayed mail arrived"));
        Assert.Equal("orderConfirmed", mail.Kind());
        Assert.Equal(OutgoingMail.MessageIdFor(notificationId), mail.MessageId);
        Assert.Equal(EmailOutcome.Sent, await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == notificationId).Select(n => n.Email).SingleAsync()));
    }

    [Fact]
    public async Task A_mail_queued_while_the_relay_is_down_goes_out_once_when_it_is_back()
    {
        var smtpPort = FreePort.Next();
        await using var app = new NotificationsApp(infra, smtpPort, new Dictionary<string, string?> { ["Notifications:Mail:MaxAttempts"] = "1000" });
        await app.StartAsync();
        var journey = new OrderJourney(infra.NewShopper("vi"));

        await app.PublishAsync(journey.Placed(), journey.Confirmed());
        var retried = await Eventually.GetAsync(() => app.WithDbAsync(db => db.OutgoingMails.AsNoTracking().SingleOrDefaultAsync()),
            m => m is { Attempts: >= 2 }, "the mail was tried more than once while the relay was down");
        Assert.Equal(OutgoingMailStatus.Pending, retried!.Status);

        using var relay = SimpleSmtpServer.Start(smtpPort);

        var sent = await Eventually.GetAsync(() => app.WithDbAsync(db => db.OutgoingMails.AsNoTracking().SingleOrDefaultAsync()),
            m => m?.Status == OutgoingMailStatus.Sent, "the mail went out once the relay was back");
        var mail = Assert.Single(await NotificationsInfrastructure.MailsEventuallyAsync(relay, journey.Shopper.Email, 1, "the mail arrived"));
        Assert.Equal(sent.MessageId, mail.MessageId);
        Assert.Equal($"Đơn hàng {journey.Number} đã được xác nhận", mail.Subject);
    }
}
