using Grocery.Messaging.DeadLetters;
using Grocery.Notifications.Apis;
using Grocery.Notifications.Templates;
using netDumbster.smtp;

namespace Grocery.Notifications.Tests;

/// <summary>An SMTP relay that is down: the send is retried with back-off, then dead-lettered, and replayed once the relay is back.</summary>
public sealed class SmtpOutageTests(NotificationsInfrastructure infra)
{
    [Fact]
    public async Task A_send_the_relay_refuses_is_retried_then_dead_lettered_and_goes_out_once_when_replayed_after_the_relay_is_back()
    {
        var smtpPort = FreePort.Next();
        await using var app = new NotificationsApp(infra, smtpPort);
        await app.StartAsync();
        var journey = new OrderJourney(infra.NewShopper("en"));
        using var admin = app.ClientFor(Guid.NewGuid(), GroceryRoles.Admin);

        await app.PublishAsync(journey.Placed(), journey.Confirmed());

        var deadLetter = (await Eventually.GetAsync(
            () => admin.GetFromJsonAsync<List<DeadLetterSummary>>("/api/v1/ops/messaging/dead-letters"),
            l => l!.Count == 1, "the confirmation was dead-lettered"))[0];
        Assert.Equal(3, deadLetter.Attempts);
        Assert.EndsWith("OrderConfirmed", deadLetter.Type);
        Assert.Contains("could not be reached", deadLetter.Error);
        Assert.DoesNotContain(journey.Shopper.Email, deadLetter.Error);
        using var shopper = app.ClientFor(journey.Shopper.UserId);
        Assert.Empty((await shopper.GetFromJsonAsync<NotificationPage>("/api/v1/me/notifications"))!.Items);

        using var relay = SimpleSmtpServer.Start(smtpPort);
        var replay = await admin.PostAsync($"/api/v1/ops/messaging/dead-letters/{deadLetter.Id}/replay", null);
        Assert.True(replay.IsSuccessStatusCode, $"replay answered {(int)replay.StatusCode}");

        var mail = Assert.Single(await NotificationsInfrastructure.MailsEventuallyAsync(relay, journey.Shopper.Email, 1, "the replayed mail arrived"));
        Assert.Equal("orderConfirmed", mail.Headers[MailComposer.KindHeader]);
        Assert.Single((await shopper.GetFromJsonAsync<NotificationPage>("/api/v1/me/notifications"))!.Items);
    }
}
