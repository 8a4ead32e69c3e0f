using System.Net;
using Grocery.Contracts.Ordering;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Notifications;

/// <summary>
/// The local run's mail relay (smtp4dev) stopped while a shopper orders: nothing in the saga waits for
/// it, the shopper is told in the app at once, and the queued mail goes out once smtp4dev is back.
/// </summary>
public sealed class MailRelayOutageTests(GroceryAppFixture system)
{
    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task With_smtp4dev_stopped_a_cash_order_is_confirmed_and_in_the_app_and_its_mail_goes_out_in_the_shoppers_language_once_smtp4dev_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 1, ct);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [products[0].Sku] = 5m }, slotCapacity: 2, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 2, ct);
        await using var english = await shopper.SpeakingAsync("en", ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(products[0], 2m)], ct);
        // Up before it is stopped, so the outage below is the test's own.
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Smtp4dev, ct).WaitAsync(TimeSpan.FromMinutes(2), ct);

        await system.App.StopResourceAsync(ResourceNames.Smtp4dev, ct);
        OrderView placed;
        try
        {
            placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
            Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(placed.Id, ct)).Status);

            var notifications = await shopper.ClientAsync(ResourceNames.Notifications, ct);
            var inApp = await Eventually.Until(async () =>
                (await (await notifications.GetAsync("/api/v1/me/notifications?pageSize=50", ct)).ExpectAsync(HttpStatusCode.OK)
                    .ReadAsync<NotificationPageView>(ct)).Items.SingleOrDefault(n => n.OrderId == placed.Id), n => n is not null, Settles);
            Assert.NotNull(inApp);
            Assert.Equal(("orderConfirmed", $"Order {OrderNumber.Of(placed.Id)} is confirmed"), (inApp.Kind, inApp.Title));

            // The mail was tried while smtp4dev was down and waits for its next attempt.
            var queued = Assert.Single(await Eventually.Until(() => NotifierMailQueue.OfOrderAsync(system, placed.Id, ct),
                m => m is [{ Status: "Pending", Attempts: > 0 }], Settles));
            Assert.Equal(("OrderConfirmed", "Pending"), (queued.Kind, queued.Status));
            Assert.Contains("could not be reached", queued.LastError);
        }
        finally
        {
            await system.App.StartResourceAsync(ResourceNames.Smtp4dev, ct);
        }

        // Read where the app model says smtp4dev is now, not where it was.
        var inbox = await Smtp4devInbox.ConnectAsync(system, ct);
        var number = OrderNumber.Of(placed.Id);
        await Eventually.TrueAsync(async () => (await NotifierMailQueue.StatusesAsync(system, placed.Id, ct)) is ["Sent"],
            "the queued mail went out once smtp4dev was back", 90);
        // SMTP is at least once (see NotificationMailTests): one mail is one Message-ID. Other tests' mails are
        // in the same inbox, so the mail is picked by its recipient and order.
        var mails = (await Eventually.Until(() => inbox.MailsAsync(shopper.Email, placed.Id, ct), m => m.Count >= 1, TimeSpan.FromSeconds(30)))
            .DistinctBy(m => m.MessageId).ToList();
        var confirmed = Assert.Single(mails);
        Assert.Equal(("orderConfirmed", "en", $"Order {number} is confirmed"), (confirmed.Kind, confirmed.Language, confirmed.Subject));
        Assert.StartsWith("Hello ", confirmed.Text);
        Assert.Contains($"Your order {number} is confirmed.", confirmed.Text);
        Assert.Contains("Payment: Cash on delivery", confirmed.Text);
    }

    private sealed record NotificationPageView(IReadOnlyList<NotificationView> Items);

    private sealed record NotificationView(Guid Id, string Kind, Guid? OrderId, string Title);
}
