using Grocery.Notifications.Domain;
using Grocery.Notifications.Email;

namespace Grocery.Notifications.Tests;

/// <summary>Two replicas' senders draining one mail queue.</summary>
public sealed class MailQueueTests(NotificationsInfrastructure infra)
{
    [Fact]
    public async Task Two_senders_draining_the_queue_at_once_send_each_mail_exactly_once()
    {
        await using var app = new NotificationsApp(infra, infra.Smtp.Configuration.Port,
            new Dictionary<string, string?> { ["Notifications:Mail:SenderEnabled"] = "false" });
        await app.StartAsync();
        var shopper = infra.NewShopper("en");
        var journeys = Enumerable.Range(0, 12).Select(_ => new OrderJourney(shopper)).ToList();
        await app.PublishAsync([.. journeys.SelectMany(j => new Grocery.Contracts.IIntegrationEvent[] { j.Placed(), j.Confirmed() })]);
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.Status == OutgoingMailStatus.Pending)) == 12,
            "every confirmation queued its mail");

        var senders = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<OutgoingMailSender>(app.Services)).ToList();
        var tried = await Task.WhenAll(senders.Select(s => Task.Run(() => s.SendDueAsync(CancellationToken.None))));

        Assert.Equal(12, tried.Sum());
        var mails = await app.WithDbAsync(db => db.OutgoingMails.AsNoTracking().ToListAsync());
        Assert.All(mails, m => Assert.Equal((OutgoingMailStatus.Sent, 1), (m.Status, m.Attempts)));
        var received = await infra.MailsEventuallyAsync(shopper.Email, 12, "all twelve mails arrived");
        Assert.Equal(mails.Select(m => m.MessageId).Order(), received.Select(m => m.MessageId).Order());
        Assert.Equal(journeys.Select(j => j.Number).Order(), received.Select(m => m.Headers[Templates.MailComposer.OrderHeader]).Order());
    }
}
